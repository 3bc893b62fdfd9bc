"""Finding a matter by Chinese keyword, pinyin initials or code."""

import pytest

from onevisit.catalogue.pinyin import pinyin_initials
from onevisit.catalogue.selectors import bundles_list, matters_search

pytestmark = pytest.mark.django_db


def codes(qs) -> list[str]:
    return [m.code for m in qs]


def test_pinyin_initials_drop_punctuation_and_keep_latin_letters():
    assert pinyin_initials("出生登记") == "csdj"
    assert pinyin_initials("企业开办（含社保）") == "qykbhsb"
    assert pinyin_initials("宽带通信接入 5G") == "kdtxjr5g"


def test_search_by_chinese_keyword(catalogue_seeded):
    assert codes(matters_search(q="出生")) == ["DEMO-M01", "DEMO-M37"]


def test_search_by_pinyin_initials_in_any_case(catalogue_seeded):
    assert codes(matters_search(q="csdj")) == ["DEMO-M01"]
    assert codes(matters_search(q="CSDJ")) == ["DEMO-M01"]


def test_search_by_code_and_filter_by_department_and_applicant(catalogue_seeded):
    assert codes(matters_search(q="M22")) == ["DEMO-M22"]
    assert set(codes(matters_search(sector="HPF"))) == {"DEMO-M46", "DEMO-M47", "DEMO-M48"}
    enterprise = matters_search(applicant_type="enterprise")
    assert {m.applicant_type for m in enterprise} == {"enterprise", "both"}


def test_bundles_are_found_by_pinyin_initials(catalogue_seeded):
    assert [b.code for b in bundles_list(q="qykb")] == ["DEMO-B01"]

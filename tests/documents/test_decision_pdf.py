"""A decided case prints as a Chinese PDF decision that any reader can open, search and copy."""

import io
from dataclasses import replace

import pytest
from pypdf import PdfReader

from onevisit.core.errors import ValidationFailed
from onevisit.documents import fonts
from onevisit.documents.decision import render_decision_pdf

from .conftest import decision


def embedded_fonts(pdf: bytes) -> dict[str, set[str]]:
    """Every font used on any page: its base name and which FontFile streams embed it."""
    found: dict[str, set[str]] = {}
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            described = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = described["/FontDescriptor"].get_object()
            streams = {key for key in ("/FontFile", "/FontFile2", "/FontFile3") if key in descriptor}
            found[str(font["/BaseFont"])] = streams
    return found


def text_of(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_the_result_is_a_pdf(approved):
    assert render_decision_pdf(approved).startswith(b"%PDF-")


def test_the_noto_cjk_fonts_are_embedded_in_the_file(approved):
    found = embedded_fonts(render_decision_pdf(approved))

    assert found
    for name, streams in found.items():
        # WeasyPrint names the subset after the family: "ABCDEF+Noto-Serif-CJK-SC-Bold".
        assert "NotoSerifCJK" in name.replace("-", "") or "NotoSansCJK" in name.replace("-", ""), name
        assert streams & {"/FontFile2", "/FontFile3"}, name


def test_a_rejection_states_who_what_which_department_and_why_as_text(rejected):
    text = text_of(render_decision_pdf(rejected))

    assert "不予办理决定书" in text
    assert "浙杭西市监决〔2026〕00107号" in text
    assert "杭州西溪云图科技有限公司" in text
    assert "王小明" in text
    assert "有限责任公司设立登记" in text
    assert "杭州市西湖区市场监督管理局" in text
    assert "公司名称与已登记的“杭州西溪云图信息技术有限公司”近似" in text
    assert "决定不予办理" in text


def test_an_approval_names_the_result_and_the_rights_of_appeal(approved):
    text = text_of(render_decision_pdf(approved))

    assert "准予办理决定书" in text
    assert "营业执照" in text
    assert "六十日内依法申请行政复议" in text
    assert "六个月内依法向人民法院提起行政诉讼" in text
    assert "电子送达" in text
    assert "2026年11月22日" in text
    assert "电子文书" in text
    assert "https://onevisit.example.gov.cn/cases/verify/3b9d0c" in text


def test_the_same_decision_gives_the_same_bytes(rejected):
    assert render_decision_pdf(rejected) == render_decision_pdf(replace(rejected))


def test_the_pdf_dates_are_the_decisions_not_the_clocks(approved):
    info = PdfReader(io.BytesIO(render_decision_pdf(approved))).metadata

    assert info.creation_date == approved.decided_at
    assert info.modification_date == approved.decided_at
    assert info.title == "准予办理决定书 浙杭西市监决〔2026〕00107号"


@pytest.mark.parametrize("reason", ["", "   "])
def test_a_rejection_without_a_reason_is_refused(reason):
    with pytest.raises(ValidationFailed) as excinfo:
        decision(outcome="rejected", reason=reason)

    assert [d["field"] for d in excinfo.value.details] == ["reason"]


def test_every_wrong_field_is_named_at_once():
    with pytest.raises(ValidationFailed) as excinfo:
        decision(outcome="granted", delivery_method="fax", applicant_name=" ",
                 decided_at=decision().decided_at.replace(tzinfo=None))

    fields = {d["field"] for d in excinfo.value.details}
    assert fields == {"outcome", "delivery_method", "applicant_name", "decided_at"}


def test_without_the_cjk_fonts_rendering_stops_naming_the_package(approved, monkeypatch):
    monkeypatch.setattr(fonts, "CJK_FAMILIES", ("Noto Serif CJK SC", "No Such CJK Family"))
    fonts.cjk_fonts_found.cache_clear()
    try:
        with pytest.raises(fonts.DocumentFontMissing, match="apt-get install fonts-noto-cjk"):
            render_decision_pdf(approved)
    finally:
        fonts.cjk_fonts_found.cache_clear()

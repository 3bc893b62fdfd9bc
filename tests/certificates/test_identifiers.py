"""Certificate identifiers: the MOD 37,36 check character catches every single-character change."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from onevisit.certificates.identifiers import (
    ALPHABET,
    InvalidIdentifier,
    check_character,
    identifier_build,
    identifier_is_valid,
    identifier_parse,
)

USCC = "11330000002482488W"
part = st.text(alphabet=ALPHABET, min_size=1, max_size=20)


def test_built_identifier_has_the_standard_form():
    text = identifier_build(type_code="CSYXZM", issuer_code=USCC, serial="000123")
    assert text.startswith("1.2.156.3005.2.CSYXZM." + USCC + ".000123.1.")
    assert identifier_parse(text).serial == "000123"


def test_check_character_validates_under_the_iso_7064_rule():
    # Hybrid MOD 37,36: running the recurrence over payload + check ends at 1.
    payload = "1.2.156.3005.2.CSYXZM." + USCC + ".000123.1"
    p = 36
    for char in (payload + check_character(payload)).replace(".", ""):
        p = (p + ALPHABET.index(char)) % 36 or 36
        last = p
        p = (p * 2) % 37
    assert last == 1


def test_lower_case_part_is_refused():
    with pytest.raises(InvalidIdentifier):
        identifier_build(type_code="csyxzm", issuer_code=USCC, serial="1")


@given(type_code=part, issuer=part, serial=part, version=part, data=st.data())
def test_any_single_changed_character_is_detected(type_code, issuer, serial, version, data):
    text = identifier_build(type_code=type_code, issuer_code=issuer, serial=serial, version=version)
    assert identifier_is_valid(text)
    positions = [i for i, c in enumerate(text) if c != "."]
    index = data.draw(st.sampled_from(positions))
    replacement = data.draw(st.sampled_from([c for c in ALPHABET if c != text[index]]))
    tampered = text[:index] + replacement + text[index + 1:]
    assert not identifier_is_valid(tampered)

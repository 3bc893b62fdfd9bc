"""Resident ID numbers (GB 11643-1999) and Unified Social Credit Codes (GB 32100-2015)."""

import datetime

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from onevisit.core.errors import ValidationFailed
from onevisit.core.identifiers import (
    mask_id_number,
    normalize_resident_id,
    normalize_uscc,
    parse_resident_id,
)

# Province-level GB/T 2260 codes, listed here independently of the code under test.
PROVINCES = ["11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37", "41", "42",
             "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65"]
GB11643_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def gb11643_check(first17: str) -> str:
    """The check character exactly as the standard states it (our oracle, not stdnum)."""
    return "10X98765432"[sum(int(c) * w for c, w in zip(first17, GB11643_WEIGHTS, strict=True)) % 11]


def with_check(first17: str) -> str:
    return first17 + gb11643_check(first17)


def field_error(exc_info) -> dict:
    [detail] = exc_info.value.details
    return detail


# --- resident ID numbers -------------------------------------------------------------------------

@pytest.mark.parametrize("number", ["11010519491231002X", "440524188001010014", "330106199003071236"])
def test_the_standard_samples_are_valid(number):
    assert normalize_resident_id(number) == number


def test_the_sample_with_an_abolished_division_code_is_valid():
    # 440524 (Chaoyang county, Guangdong) no longer exists; an ID keeps the code for life.
    parsed = parse_resident_id("440524188001010014")

    assert parsed.division_code == "440524"
    assert parsed.birth_date == datetime.date(1880, 1, 1)


def test_a_parsed_id_gives_birth_date_division_and_sex():
    parsed = parse_resident_id("11010519491231002X")

    assert parsed.division_code == "110105"
    assert parsed.birth_date == datetime.date(1949, 12, 31)
    assert parsed.sex == "F"  # sequence 002: even is female
    assert parse_resident_id("330106199003071236").sex == "M"  # sequence 123: odd is male


def test_a_lower_case_x_is_accepted_and_normalised_to_upper_case():
    assert normalize_resident_id("11010519491231002x") == "11010519491231002X"


def test_surrounding_spaces_are_ignored():
    assert normalize_resident_id(" 11010519491231002X ") == "11010519491231002X"


@pytest.mark.parametrize("number", ["110105194912310021", "440524188001010015", "330106199003071237"])
def test_a_wrong_check_character_is_rejected(number):
    with pytest.raises(ValidationFailed) as exc_info:
        parse_resident_id(number)

    assert field_error(exc_info) == {"field": "id_number", "message": "身份证号码校验位不正确"}


@pytest.mark.parametrize("birth", ["19900230", "19901301", "19900001", "19900100", "19000229"])
def test_an_impossible_birth_date_is_rejected_even_with_a_correct_check_character(birth):
    number = with_check(f"330106{birth}123")

    with pytest.raises(ValidationFailed) as exc_info:
        parse_resident_id(number)

    assert field_error(exc_info)["message"] == "身份证号码中的出生日期不存在"


def test_a_leap_day_birth_date_is_valid_in_a_leap_year():
    assert parse_resident_id(with_check("33010620000229123")).birth_date == datetime.date(2000, 2, 29)


def test_a_birth_date_in_the_future_is_rejected():
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    number = with_check(f"330106{tomorrow:%Y%m%d}123")

    with pytest.raises(ValidationFailed) as exc_info:
        parse_resident_id(number)

    assert field_error(exc_info)["message"] == "身份证号码中的出生日期不合理"


def test_a_birth_date_is_judged_against_the_given_day():
    number = with_check("33010620260601123")

    assert parse_resident_id(number, today=datetime.date(2026, 6, 1)).birth_date == datetime.date(2026, 6, 1)
    with pytest.raises(ValidationFailed):
        parse_resident_id(number, today=datetime.date(2026, 5, 31))


def test_a_division_code_outside_any_province_is_rejected():
    with pytest.raises(ValidationFailed) as exc_info:
        parse_resident_id(with_check("99010619900307123"))

    assert field_error(exc_info)["message"] == "身份证号码的行政区划代码无效"


@pytest.mark.parametrize("number", ["", "33010619900307123", "3301061990030712361", "330106900307123"])
def test_a_number_of_the_wrong_length_is_rejected(number):
    with pytest.raises(ValidationFailed) as exc_info:
        parse_resident_id(number)

    assert field_error(exc_info)["message"] == "身份证号码应为18位"


@pytest.mark.parametrize("number", ["33010619900307123A", "3301061990030712X6", "A30106199003071236", "33010619900307 236"])
def test_letters_or_spaces_inside_the_number_are_rejected(number):
    with pytest.raises(ValidationFailed) as exc_info:
        parse_resident_id(number)

    assert field_error(exc_info)["message"] == "身份证号码前17位应为数字，末位为数字或X"


@pytest.mark.parametrize("digit", ["²", "١", "৩"])
def test_digits_other_than_ascii_are_rejected_as_a_format_error(digit):
    # str.isdigit() is true for superscripts and other scripts' digits; none belongs in an ID.
    with pytest.raises(ValidationFailed) as exc_info:
        parse_resident_id("3301061990030712" + digit + "6")

    assert field_error(exc_info)["message"] == "身份证号码前17位应为数字，末位为数字或X"


def test_full_width_digits_typed_with_a_chinese_input_method_are_normalised():
    assert normalize_resident_id("３３０１０６１９９００３０７１２３６") == "330106199003071236"


def test_the_error_names_the_field_it_was_given():
    with pytest.raises(ValidationFailed) as exc_info:
        normalize_resident_id("330106199003071237", field="legal_representative_id_number")

    assert field_error(exc_info)["field"] == "legal_representative_id_number"
    assert exc_info.value.status == 422
    assert exc_info.value.as_dict()["code"] == "validation_failed"


def test_the_masked_number_shows_the_division_code_and_the_last_four_characters():
    assert mask_id_number("330106199003071236") == "330106********1236"
    assert parse_resident_id("11010519491231002x").masked == "110105********002X"


@given(
    province=st.sampled_from(PROVINCES),
    rest_of_division=st.from_regex(r"\A[0-9]{4}\Z"),
    birth=st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date.today()),
    sequence=st.integers(min_value=0, max_value=999),
)
def test_any_number_with_a_real_division_a_real_date_and_the_standard_check_character_is_valid(
    province, rest_of_division, birth, sequence
):
    first17 = f"{province}{rest_of_division}{birth:%Y%m%d}{sequence:03d}"
    number = with_check(first17)

    parsed = parse_resident_id(number.lower())

    assert parsed.number == number
    assert parsed.birth_date == birth
    assert parsed.sex == ("M" if sequence % 2 else "F")


@given(first17=st.from_regex(r"\A33010619900307[0-9]{3}\Z"), wrong=st.sampled_from("0123456789X"))
def test_any_check_character_but_the_standard_one_is_rejected(first17, wrong):
    assume(wrong != gb11643_check(first17))
    with pytest.raises(ValidationFailed):
        parse_resident_id(first17 + wrong)


# --- Unified Social Credit Codes -----------------------------------------------------------------

def test_the_standard_uscc_sample_is_valid():
    assert normalize_uscc("91350100M000100Y43") == "91350100M000100Y43"


def test_a_lower_case_uscc_is_normalised_to_upper_case():
    assert normalize_uscc("91350100m000100y43") == "91350100M000100Y43"


def test_a_uscc_with_a_wrong_check_character_is_rejected():
    with pytest.raises(ValidationFailed) as exc_info:
        normalize_uscc("91350100M000100Y44")

    assert field_error(exc_info) == {"field": "uscc", "message": "统一社会信用代码校验位不正确"}


@pytest.mark.parametrize("letter", list("IOSVZ"))
def test_a_uscc_with_a_letter_the_standard_leaves_out_is_rejected(letter):
    with pytest.raises(ValidationFailed) as exc_info:
        normalize_uscc("91350100" + letter + "000100Y43")

    assert field_error(exc_info)["message"] == "统一社会信用代码含有不允许的字符（不使用 I、O、S、V、Z）"


def test_a_uscc_with_a_letter_in_its_division_code_is_rejected():
    with pytest.raises(ValidationFailed) as exc_info:
        normalize_uscc("913501A0M000100Y43")

    assert "不允许的字符" in field_error(exc_info)["message"]


@pytest.mark.parametrize("code", ["", "91350100M000100Y4", "91350100M000100Y430"])
def test_a_uscc_of_the_wrong_length_is_rejected(code):
    with pytest.raises(ValidationFailed) as exc_info:
        normalize_uscc(code)

    assert field_error(exc_info) == {"field": "uscc", "message": "统一社会信用代码应为18位"}


def test_a_uscc_error_names_the_field_it_was_given():
    with pytest.raises(ValidationFailed) as exc_info:
        normalize_uscc("91350100M000100Y44", field="enterprise_uscc")

    assert field_error(exc_info)["field"] == "enterprise_uscc"

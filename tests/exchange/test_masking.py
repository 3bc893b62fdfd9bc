"""What a clerk's screen shows of sensitive personal data."""

from onevisit.exchange.masking import mask_value
from onevisit.registries.contract import FieldType, Sensitivity

SENSITIVE = Sensitivity.SENSITIVE_PERSONAL


def test_public_and_internal_values_are_shown_as_they_are():
    assert mask_value(name="office", type=FieldType.STRING, sensitivity=Sensitivity.PUBLIC, value="西湖区民政局") == "西湖区民政局"
    assert mask_value(name="status", type=FieldType.STRING, sensitivity=Sensitivity.INTERNAL, value="married") == "married"


def test_id_numbers_names_and_dates_are_masked_by_what_they_hold():
    assert mask_value(name="id_number", type=FieldType.ID_NUMBER, sensitivity=SENSITIVE,
                      value="330106199003071236") == "330106********1236"
    assert mask_value(name="spouse_name", type=FieldType.STRING, sensitivity=SENSITIVE, value="王小明") == "王*明"
    assert mask_value(name="birth_date", type=FieldType.DATE, sensitivity=SENSITIVE, value="1990-03-07") == "1990-**-**"


def test_a_short_sensitive_word_is_hidden_whole():
    masked = mask_value(name="marital_status", type=FieldType.STRING, sensitivity=SENSITIVE, value="married")

    assert masked == "***"


def test_records_inside_a_list_are_masked_field_by_field():
    members = [{"id_number": "330106199003071236", "name": "王小明", "relation": "head", "birth_date": "1990-03-07"}]

    masked = mask_value(name="members", type=FieldType.LIST, sensitivity=SENSITIVE, value=members)

    assert masked == [{"id_number": "330106********1236", "name": "王*明", "relation": "***",
                       "birth_date": "1990-**-**"}]

"""Every registry answers through its provider: records with source, version and update time,
only the fields asked for, and contract errors for what it cannot answer."""

import datetime
import importlib

import pytest

from onevisit.registries import REGISTRY_CODES
from onevisit.registries.contract import (
    FieldType,
    InvalidQuery,
    ItemSpec,
    Query,
    RegistryProvider,
    Sensitivity,
    SubjectType,
    UnknownItem,
)

from .conftest import DEMO_USCC, LI, REGISTRY_DATABASES, WANG

pytestmark = pytest.mark.django_db(databases=REGISTRY_DATABASES)

ITEMS = {
    "population.person", "population.hukou", "marriage.status", "social_insurance.enrolment",
    "social_insurance.employment", "medical_insurance.enrolment", "enterprise.registration",
    "enterprise.legal_representative_of", "tax.registration", "tax.credit_grade", "real_estate.property",
    "health.birth_certificate", "health.vaccination", "education.enrolment", "education.diploma",
    "housing_fund.account", "disability.certificate",
}


def provider(code: str) -> RegistryProvider:
    return importlib.import_module(f"onevisit.registries.{code}.provider").PROVIDER


def query(item: str, subject: str, fields=None):
    return provider(item.split(".")[0]).query(Query(item=item, subject=subject, fields=fields))


def all_specs() -> list[ItemSpec]:
    return [spec for code in REGISTRY_CODES for spec in provider(code).items()]


# --- what the registries publish ----------------------------------------------------------------


def test_every_registry_exposes_a_provider_under_its_code():
    for code in REGISTRY_CODES:
        assert provider(code).code == code


def test_the_registries_publish_exactly_the_agreed_items():
    assert {spec.code for spec in all_specs()} == ITEMS


def test_every_field_has_a_chinese_and_an_english_label():
    for spec in all_specs():
        assert spec.name and spec.name_en
        for field in spec.fields:
            assert field.label and field.label_en, f"{spec.code}.{field.name}"
            assert not field.label.isascii(), f"{spec.code}.{field.name} needs a Chinese label"


def test_id_numbers_and_addresses_of_people_are_sensitive_personal_data():
    for spec in all_specs():
        for field in spec.fields:
            if field.type == FieldType.ID_NUMBER:
                assert field.sensitivity == Sensitivity.SENSITIVE_PERSONAL, f"{spec.code}.{field.name}"
    hukou = {f.name: f for f in next(s for s in all_specs() if s.code == "population.hukou").fields}
    assert hukou["address"].sensitivity == Sensitivity.SENSITIVE_PERSONAL


def test_health_and_disability_fields_are_all_sensitive_personal_data():
    for spec in all_specs():
        if spec.code.startswith(("health.", "disability.")):
            assert {f.sensitivity for f in spec.fields} == {Sensitivity.SENSITIVE_PERSONAL}, spec.code


# --- the demo people's records ------------------------------------------------------------------


def test_the_population_registry_knows_wang_xiaoming(population):
    result = query("population.person", WANG)

    (record,) = result.records
    assert record.data["name"] == "王小明"
    assert record.data["birth_date"] == "1990-03-07"
    assert record.source == "population"
    assert record.version >= 1
    assert isinstance(record.updated_at, datetime.datetime) and record.updated_at.tzinfo is not None
    assert result.retrieved_at.tzinfo is not None


def test_wang_xiaomings_hukou_lists_him_as_head_with_his_wife_and_son(population):
    (record,) = query("population.hukou", WANG).records

    assert record.data["head_id_number"] == WANG
    assert record.data["relation_to_head"] == "head"
    assert [m["relation"] for m in record.data["members"]] == ["head", "spouse", "son"]


def test_wang_xiaoming_is_married_and_his_wife_sees_him_as_spouse(population):
    (mine,) = query("marriage.status", WANG).records
    (hers,) = query("marriage.status", mine.data["spouse_id_number"]).records

    assert mine.data["marital_status"] == "married"
    assert hers.data["spouse_id_number"] == WANG
    assert mine.data["certificate_number"] == hers.data["certificate_number"]


def test_wang_xiaoming_is_employed_and_insured_at_the_demo_enterprise(population):
    (enrolment,) = query("social_insurance.enrolment", WANG).records
    employment = query("social_insurance.employment", WANG).records
    (medical,) = query("medical_insurance.enrolment", WANG).records
    (fund,) = query("housing_fund.account", WANG).records

    assert enrolment.data["employer_uscc"] == DEMO_USCC
    assert enrolment.data["status"] == "active"
    assert any(e.data["current"] and e.data["employer_uscc"] == DEMO_USCC for e in employment)
    assert medical.data["insurance_type"] == "employee"
    assert fund.data["employer_uscc"] == DEMO_USCC


def test_wang_xiaoming_owns_a_home_with_his_wife(population):
    (home,) = query("real_estate.property", WANG).records
    (wife,) = query("marriage.status", WANG).records

    assert home.data["share_percent"] == "50.00"
    assert home.data["co_owners"][0]["id_number"] == wife.data["spouse_id_number"]
    assert home.data["use"] == "residential"


def test_the_birth_certificate_of_wang_xiaomings_son_names_both_parents(population):
    (certificate,) = query("health.birth_certificate", WANG).records
    vaccinations = query("health.vaccination", certificate.data["child_id_number"]).records

    assert certificate.data["father_id_number"] == WANG
    assert certificate.data["child_name"] == "王子轩"
    (mothers,) = query("health.birth_certificate", certificate.data["mother_id_number"]).records
    assert mothers.record_id == certificate.record_id
    assert {"乙肝疫苗", "卡介苗"} <= {v.data["vaccine"] for v in vaccinations}


def test_wang_xiaoming_holds_a_bachelors_diploma(population):
    (diploma,) = query("education.diploma", WANG).records

    assert diploma.data["level"] == "本科"
    assert diploma.data["school"] == "浙江大学"


def test_li_hua_is_the_legal_representative_of_the_demo_enterprise(population):
    (represented,) = query("enterprise.legal_representative_of", LI).records
    (registration,) = query("enterprise.registration", DEMO_USCC).records

    assert represented.data == {"uscc": DEMO_USCC, "name": "杭州西湖示范科技有限公司",
                                "entity_type": registration.data["entity_type"],
                                "founded_on": registration.data["founded_on"], "status": "active"}
    assert registration.data["legal_representative_id_number"] == LI
    assert registration.data["legal_representative_name"] == "李华"
    assert registration.data["registered_capital"] == "1000.00"


def test_the_demo_enterprise_is_registered_for_tax_with_an_a_grade(population):
    (registration,) = query("tax.registration", DEMO_USCC).records
    grades = query("tax.credit_grade", DEMO_USCC).records

    assert registration.data["status"] == "normal"
    assert "增值税" in registration.data["tax_types"]
    assert grades[0].data == {"year": 2025, "grade": "A"}
    assert grades[0].record_id == f"{DEMO_USCC}-2025"


def test_a_person_without_records_gets_an_empty_answer(population):
    assert query("disability.certificate", WANG).records == ()
    assert query("population.person", "11010519491231002X").records == ()


def test_the_disability_registry_answers_for_its_certificate_holders(population):
    from onevisit.registries.disability.models import DisabilityCertificate

    holder = DisabilityCertificate.objects.first()
    (record,) = query("disability.certificate", holder.id_number).records

    assert record.data["certificate_number"].startswith(holder.id_number)
    assert 1 <= record.data["grade"] <= 4


def test_every_person_item_answers_for_the_demo_people_in_json_friendly_values(population):
    import json

    for spec in all_specs():
        subject = DEMO_USCC if spec.subject_type == SubjectType.ENTERPRISE else WANG
        for record in query(spec.code, subject).records:
            json.dumps(dict(record.data))
            assert record.item == spec.code
            assert record.subject == subject


# --- trimming and errors ------------------------------------------------------------------------


def test_only_the_fields_asked_for_are_returned(population):
    (record,) = query("population.person", WANG, fields=("name", "birth_date")).records

    assert dict(record.data) == {"name": "王小明", "birth_date": "1990-03-07"}


def test_an_unknown_item_is_refused():
    with pytest.raises(UnknownItem) as error:
        query("population.criminal_record", WANG)
    assert error.value.provider == "population"


def test_an_unknown_field_is_refused():
    with pytest.raises(InvalidQuery) as error:
        query("population.person", WANG, fields=("name", "religion"))
    assert error.value.details == {"fields": ["religion"]}


@pytest.mark.parametrize("item", ["population.person", "marriage.status", "real_estate.property"])
@pytest.mark.parametrize("subject", ["330106199003071235", "33010619900307123", "330106299003071236", "", DEMO_USCC])
def test_a_malformed_id_number_is_an_invalid_query(item, subject):
    with pytest.raises(InvalidQuery):
        query(item, subject)


@pytest.mark.parametrize("item", ["enterprise.registration", "tax.registration", "tax.credit_grade"])
@pytest.mark.parametrize("subject", ["91330106MA2KH7QN0X", "91330106MA2KH7QNOM", WANG])
def test_a_malformed_uscc_is_an_invalid_query(item, subject):
    with pytest.raises(InvalidQuery):
        query(item, subject)


def test_a_lower_case_x_or_spaces_in_the_subject_are_normalised(population):
    (record,) = query("enterprise.registration", " 91330106ma2kh7qn0m ").records

    assert record.subject == DEMO_USCC

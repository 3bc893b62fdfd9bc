"""A bundle's merged form: what several matters need is asked or fetched once."""

import pytest

from onevisit.catalogue.selectors import bundle_get, bundle_requirements

pytestmark = pytest.mark.django_db


def by_key(requirements):
    return {(r.source, r.key): r for r in requirements}


def test_the_same_data_item_is_fetched_once_with_the_union_of_fields(catalogue_seeded):
    merged = by_key(bundle_requirements(bundle_get(code="DEMO-B01")))

    registration = merged[("shared", "enterprise.registration")]
    assert registration.matters == ["DEMO-M29", "DEMO-M12", "DEMO-M18", "DEMO-M46", "DEMO-K1"]
    assert {"uscc", "name", "entity_type", "founded_on", "business_scope", "legal_representative_name"} <= set(
        registration.fields)
    assert len(registration.fields) == len(set(registration.fields))


def test_a_form_field_needed_by_several_matters_is_asked_once(catalogue_seeded):
    requirements = bundle_requirements(bundle_get(code="DEMO-B02"))
    merged = by_key(requirements)

    assert merged[("form", "baby_name")].matters == ["DEMO-M37", "DEMO-M01"]
    assert merged[("form", "applicant_phone")].matters == ["DEMO-M37", "DEMO-M38", "DEMO-M01"]
    assert len([r for r in requirements if r.key == "baby_name"]) == 1


def test_a_certificate_issued_inside_the_bundle_is_not_asked_of_the_applicant(catalogue_seeded):
    merged = by_key(bundle_requirements(bundle_get(code="DEMO-B02")))

    birth = merged[("certificate", "birth_medical")]
    assert birth.produced_by == "DEMO-M37"
    assert birth.matters == ["DEMO-M01", "DEMO-M19", "DEMO-M17", "DEMO-M20"]
    assert merged[("certificate", "hukou_booklet")].produced_by == "DEMO-M01"


def test_the_same_upload_is_handed_in_once_for_the_restaurant(catalogue_seeded):
    merged = by_key(bundle_requirements(bundle_get(code="DEMO-B05")))

    plan = merged[("upload", "经营场所平面图及设备布局、工艺流程图")]
    assert plan.matters == ["DEMO-M26", "DEMO-M45"]
    assert plan.required is True


def test_materials_of_an_optional_component_are_not_required(catalogue_seeded):
    merged = by_key(bundle_requirements(bundle_get(code="DEMO-B05")))

    assert merged[("form", "shop_separate_declaration")].required is False

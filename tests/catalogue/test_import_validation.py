"""Importing a catalogue file: every problem is named with its location, and nothing changes."""

import pytest

from onevisit.catalogue.models import Bundle, Matter
from onevisit.core.errors import ValidationFailed

pytestmark = pytest.mark.django_db

MATTER = """
matters:
- code: DEMO-X01
  name: 出生登记
  type: confirmation
  department: PSB
  level: county
  applicant: person
  case_type: immediate
  committed_days: 0
  materials:
  - {name: 户籍信息, shared: population.hukou, fields: [household_number, address]}
"""


def problems(excinfo) -> dict[str, str]:
    """location -> problem code of a refused import."""
    return {d["field"]: d["code"] for d in excinfo.value.details}


def test_a_valid_file_creates_the_matter_with_its_pinyin_initials(catalogue_import_yaml):
    report = catalogue_import_yaml(MATTER)

    matter = Matter.objects.get(code="DEMO-X01")
    assert report.created["matters"] == ["DEMO-X01"]
    assert matter.pinyin_initials == "csdj"
    assert list(matter.materials.values_list("data_item", "data_fields")) == [
        ("population.hukou", ["household_number", "address"])]


def test_importing_the_same_file_twice_updates_and_changes_nothing(catalogue_import_yaml):
    catalogue_import_yaml(MATTER)
    report = catalogue_import_yaml(MATTER.replace("出生登记", "出生登记（新生儿）"))

    assert report.updated["matters"] == ["DEMO-X01"]
    assert Matter.objects.count() == 1
    assert Matter.objects.get().materials.count() == 1
    assert Matter.objects.get().name == "出生登记（新生儿）"


def test_an_unknown_department_is_named_with_its_value(catalogue_import_yaml):
    with pytest.raises(ValidationFailed) as excinfo:
        catalogue_import_yaml(MATTER.replace("department: PSB", "department: POLICE"))

    assert problems(excinfo) == {"matters[0].department": "unknown_department"}
    assert "POLICE" in excinfo.value.details[0]["message"]
    assert not Matter.objects.exists()


def test_unknown_data_items_fields_certificate_types_and_form_fields_are_each_reported(catalogue_import_yaml):
    text = MATTER.replace("[household_number, address]", "[household_number, shoe_size]") + """\
  - {name: 婚姻状况, shared: marriage.history}
  - {name: 出生医学证明, certificate: birth_paper}
  - {name: 申报信息, form: [baby_nickname]}
"""
    with pytest.raises(ValidationFailed) as excinfo:
        catalogue_import_yaml(text)

    assert problems(excinfo) == {
        "matters[0].materials[0].fields": "unknown_data_field",
        "matters[0].materials[1].shared": "unknown_data_item",
        "matters[0].materials[2].certificate": "unknown_certificate_type",
        "matters[0].materials[3].form": "unknown_form_field",
    }
    assert not Matter.objects.exists()


def test_duplicate_codes_across_files_are_refused(catalogue_import_yaml):
    with pytest.raises(ValidationFailed) as excinfo:
        catalogue_import_yaml(MATTER, MATTER, names=("a.yaml", "b.yaml"))

    assert problems(excinfo) == {"b.yaml: matters[0].code": "duplicate_code"}
    assert "a.yaml: matters[0]" in excinfo.value.details[0]["message"]


def test_a_committed_limit_longer_than_the_statutory_one_is_refused(catalogue_import_yaml):
    with pytest.raises(ValidationFailed) as excinfo:
        catalogue_import_yaml(MATTER.replace("committed_days: 0", "statutory_days: 5\n  committed_days: 7"))

    assert problems(excinfo) == {"matters[0].committed_days": "invalid_value"}


def test_a_bundle_dependency_cycle_and_an_unknown_matter_are_refused_and_nothing_is_written(
        catalogue_import_yaml, catalogue_seeded):
    before = (Matter.objects.get(code="DEMO-M01").name, Bundle.objects.count())
    bundles = """
bundles:
- code: DEMO-B90
  name: 循环
  audience: person
  lead: HC
  components:
  - {matter: DEMO-M37, depends_on: [DEMO-M01]}
  - {matter: DEMO-M01, depends_on: [DEMO-M38]}
  - {matter: DEMO-M38, depends_on: [DEMO-M37]}
- code: DEMO-B91
  name: 未知
  audience: person
  lead: NOBODY
  components:
  - {matter: DEMO-M01}
  - {matter: DEMO-M99, depends_on: [DEMO-M98]}
"""
    renamed = MATTER.replace("DEMO-X01", "DEMO-M01").replace("出生登记", "改名")

    with pytest.raises(ValidationFailed) as excinfo:
        catalogue_import_yaml(renamed, bundles, names=("m.yaml", "b.yaml"))

    assert problems(excinfo) == {
        "b.yaml: bundles[0].components": "dependency_cycle",
        "b.yaml: bundles[1].lead": "unknown_department",
        "b.yaml: bundles[1].components[1].matter": "unknown_matter",
        "b.yaml: bundles[1].components[1].depends_on": "unknown_matter",
    }
    cycle = next(d["message"] for d in excinfo.value.details if d["code"] == "dependency_cycle")
    assert "DEMO-M37 → DEMO-M01 → DEMO-M38 → DEMO-M37" in cycle
    assert (Matter.objects.get(code="DEMO-M01").name, Bundle.objects.count()) == before


def test_a_material_needs_exactly_one_source_and_unknown_keys_are_named(catalogue_import_yaml):
    text = MATTER + "  - {name: 照片, upload: [jpg], original: true}\n  - {name: 合同, upload: [docx], colour: red}\n"

    with pytest.raises(ValidationFailed) as excinfo:
        catalogue_import_yaml(text)

    assert problems(excinfo) == {
        "matters[0].materials[1]": "invalid_value",
        "matters[0].materials[2].colour": "unknown_key",
        "matters[0].materials[2].upload": "invalid_value",
    }


def test_a_bundle_in_its_own_file_joins_existing_matters(catalogue_import_yaml, catalogue_seeded):
    catalogue_import_yaml("""
bundles:
- code: DEMO-B20
  name: 婚育户
  audience: person
  lead: CA
  components:
  - matter: DEMO-M08
  - {matter: DEMO-M01, depends_on: [DEMO-M08]}
""")

    bundle = Bundle.objects.get(code="DEMO-B20")
    assert bundle.pinyin_initials == "hyh"
    assert [c.matter.code for c in bundle.components.all()] == ["DEMO-M08", "DEMO-M01"]
    assert [d.matter.code for d in bundle.components.get(matter__code="DEMO-M01").depends_on.all()] == ["DEMO-M08"]


def test_list_pages_name_a_renamed_matter_at_once(catalogue_import_yaml):
    from onevisit.catalogue.selectors import matter_labels

    catalogue_import_yaml(MATTER)
    matter = Matter.objects.get(code="DEMO-X01")
    assert matter_labels(ids=[matter.pk]) == {matter.pk: ("DEMO-X01", "出生登记")}
    catalogue_import_yaml(MATTER.replace("出生登记", "出生登记（新生儿）"))
    assert matter_labels(ids=[matter.pk]) == {matter.pk: ("DEMO-X01", "出生登记（新生儿）")}

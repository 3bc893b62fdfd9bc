"""The demo province seed: ordered, idempotent steps that every app registers."""

import io

import pytest
from django.core.management import call_command

from onevisit.accounts.models import (
    Department,
    Enterprise,
    EnterpriseMandate,
    MandateRole,
    StaffRole,
    StaffRoleAssignment,
    User,
    UserKind,
)
from onevisit.core import seeding
from onevisit.core.identifiers import normalize_uscc, parse_resident_id
from onevisit.core.models import Region, RegionLevel
from onevisit.registries import REGISTRY_CODES
from onevisit.registries.population.models import Person
from onevisit.registries.synthesis import ADULT_BORN_BY

# The seed fills the registries too, each in its own database.
pytestmark = pytest.mark.django_db(databases=["default", *[f"registry_{code}" for code in REGISTRY_CODES]])

CITIES = ["330100", "330200", "330300", "330400", "330500", "330600", "330700", "330800", "330900", "331000",
          "331100"]


def seed() -> str:
    out = io.StringIO()
    call_command("seed", citizens=30, enterprises=5, stdout=out)
    return out.getvalue()


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count()
            for model in (Region, Department, User, StaffRoleAssignment, Enterprise, EnterpriseMandate)}


@pytest.fixture
def seeded(db):
    seed()


# --- what the seed creates -----------------------------------------------------------------------

def test_the_seed_creates_the_province_and_its_eleven_cities(seeded):
    assert Region.objects.get(code="330000").level == RegionLevel.PROVINCE
    assert sorted(Region.objects.filter(level=RegionLevel.CITY).values_list("code", flat=True)) == CITIES


def test_the_seed_creates_departments_in_the_province_and_every_city(seeded):
    assert Department.objects.filter(level=RegionLevel.PROVINCE, region__code="330000").exists()
    cities_with_departments = set(
        Department.objects.filter(level=RegionLevel.CITY).values_list("region__code", flat=True)
    )
    assert cities_with_departments == set(CITIES)
    assert Department.objects.get(code="330100-PSB").name == "杭州市公安局"
    assert Department.objects.get(code="330106-TAX").name == "国家税务总局杭州市西湖区税务局"


def test_a_city_department_reports_to_the_provincial_department_of_its_sector(seeded):
    hangzhou_psb = Department.objects.get(code="330100-PSB")

    assert hangzhou_psb.parent.code == "330000-PSB"
    assert Department.objects.get(code="330106-PSB").parent == hangzhou_psb


def test_every_department_has_a_valid_unified_social_credit_code(seeded):
    for uscc in Department.objects.values_list("uscc", flat=True):
        assert normalize_uscc(uscc) == uscc


def test_the_seed_creates_staff_for_every_role(seeded):
    roles = set(StaffRoleAssignment.objects.filter(user__kind=UserKind.STAFF).values_list("role", flat=True))

    assert roles == set(StaffRole.values)


def test_every_seeded_staff_member_works_in_a_department(seeded):
    assert not User.objects.filter(kind=UserKind.STAFF, department__isnull=True).exists()


def test_seeded_citizens_have_valid_id_numbers_from_zhejiang_divisions(seeded):
    zhejiang = set(Region.objects.values_list("code", flat=True))
    citizens = User.objects.filter(kind=UserKind.CITIZEN)

    # Accounts for the adults of the synthetic population of 30 (the demo people among them).
    assert citizens.count() == Person.objects.filter(birth_date__lte=ADULT_BORN_BY).count()
    for user in citizens:
        parsed = parse_resident_id(user.id_number)
        assert parsed.number == user.id_number == user.username
        assert parsed.division_code in zhejiang


def test_the_demo_citizen_of_the_readme_can_sign_in_with_the_demo_password(seeded):
    demo = User.objects.get(id_number="330106199003071236")

    assert demo.full_name == "王小明"
    assert demo.check_password("Demo@2026!")


def test_seeded_enterprises_have_valid_codes_and_a_legal_representative_with_a_mandate(seeded):
    enterprises = Enterprise.objects.all()

    assert enterprises.count() == 6  # 5 synthetic and the demo enterprise
    for enterprise in enterprises:
        assert normalize_uscc(enterprise.uscc) == enterprise.uscc
        mandate = EnterpriseMandate.objects.get(enterprise=enterprise, role=MandateRole.LEGAL_REPRESENTATIVE)
        assert mandate.user.id_number == enterprise.legal_representative_id_number
        assert mandate.user.full_name == enterprise.legal_representative_name


def test_seeding_twice_changes_no_counts(seeded):
    before = counts()

    seed()

    assert counts() == before


def test_the_seed_reports_each_step(db):
    output = seed()

    for name in ("core.regions", "accounts.departments", "accounts.staff", "accounts.citizens",
                 "accounts.enterprises", "registries.population"):
        assert f"[{name}]" in output


# --- step ordering -------------------------------------------------------------------------------

def names(steps) -> list[str]:
    return [step.name for step in steps]


def test_the_foundation_steps_run_in_dependency_order():
    order = names(seeding.ordered_steps())

    assert order.index("core.regions") < order.index("accounts.departments") < order.index("accounts.staff")
    assert order.index("core.regions") < order.index("accounts.citizens") < order.index("accounts.enterprises")


@pytest.fixture
def empty_registry(monkeypatch):
    """Register test steps without touching the apps' real registry."""
    monkeypatch.setattr(seeding, "_steps", {})


def noop(ctx):
    pass


def test_a_step_runs_after_every_step_it_names(empty_registry):
    seeding.register("a.cases", noop, after=["a.matters", "a.people"])
    seeding.register("a.people", noop, after=["a.regions"])
    seeding.register("a.matters", noop, after=["a.regions"])
    seeding.register("a.regions", noop)

    order = names(seeding.ordered_steps())

    assert order[0] == "a.regions"
    assert order[-1] == "a.cases"
    assert sorted(order) == ["a.cases", "a.matters", "a.people", "a.regions"]


def test_steps_that_depend_on_each_other_in_a_cycle_are_rejected(empty_registry):
    seeding.register("a.matters", noop, after=["a.cases"])
    seeding.register("a.cases", noop, after=["a.bundles"])
    seeding.register("a.bundles", noop, after=["a.matters"])

    with pytest.raises(ValueError, match="cycle"):
        seeding.ordered_steps()


def test_a_step_that_depends_on_itself_is_rejected(empty_registry):
    seeding.register("a.matters", noop, after=["a.matters"])

    with pytest.raises(ValueError, match="cycle"):
        seeding.ordered_steps()


def test_a_step_that_needs_an_unknown_step_is_rejected(empty_registry):
    seeding.register("a.cases", noop, after=["a.matters"])

    with pytest.raises(ValueError, match="unknown step a.matters"):
        seeding.ordered_steps()

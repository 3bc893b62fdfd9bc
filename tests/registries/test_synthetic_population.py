"""The synthetic province is one consistent population across every registry."""

import pytest

from onevisit.core.identifiers import normalize_uscc, parse_resident_id
from onevisit.registries.enterprise.models import Enterprise, Shareholder
from onevisit.registries.health.models import BirthMedicalCertificate
from onevisit.registries.housing_fund.models import FundAccount
from onevisit.registries.marriage.models import MarriageRecord
from onevisit.registries.medical_insurance.models import MedicalEnrolment
from onevisit.registries.population.models import Household, HouseholdMember, Person
from onevisit.registries.real_estate.models import Ownership
from onevisit.registries.social_insurance.models import Employer, EmploymentRecord, InsuredPerson
from onevisit.registries.synthesis import Population, PopulationPlan, counties_in_force
from onevisit.registries.tax.models import TaxRegistration

from .conftest import PLAN, REGISTRY_DATABASES

pytestmark = pytest.mark.django_db(databases=REGISTRY_DATABASES)


def people() -> set[str]:
    return set(Person.objects.values_list("id_number", flat=True))


def test_the_population_has_the_planned_size(population):
    assert PLAN.people <= Person.objects.count() < PLAN.people + 6


def test_every_id_number_is_valid_and_from_a_zhejiang_county(population):
    counties = {c.code for c in counties_in_force()}
    for number in people():
        parsed = parse_resident_id(number)
        assert parsed.number == number
        assert parsed.division_code in counties


def test_every_person_is_a_member_of_exactly_one_household(population):
    assert HouseholdMember.objects.count() == Person.objects.count()


def test_every_household_has_two_to_five_members_and_its_head_is_a_member(population):
    for household in Household.objects.prefetch_related("members"):
        members = {m.person_id: m.relation for m in household.members.all()}
        assert 2 <= len(members) <= 5
        assert members[household.head_id_number] == "head"


def test_spouses_are_people_of_opposite_sex_who_reference_each_other(population):
    everyone = dict(Person.objects.values_list("id_number", "sex"))
    for marriage in MarriageRecord.objects.all():
        assert everyone[marriage.husband_id_number] == "M"
        assert everyone[marriage.wife_id_number] == "F"
    for marriage in MarriageRecord.objects.filter(status="married"):
        husband = HouseholdMember.objects.get(person_id=marriage.husband_id_number)
        wife = HouseholdMember.objects.get(person_id=marriage.wife_id_number)
        assert husband.household_id == wife.household_id
        assert {husband.relation, wife.relation} == {"head", "spouse"}


def test_a_divorced_couple_lives_apart(population):
    divorced = MarriageRecord.objects.filter(status="divorced")
    for marriage in divorced:
        husband = HouseholdMember.objects.get(person_id=marriage.husband_id_number)
        wife = HouseholdMember.objects.get(person_id=marriage.wife_id_number)
        assert husband.household_id != wife.household_id
        assert marriage.dissolved_on > marriage.registered_on


def test_every_employer_is_a_registered_enterprise_with_a_valid_code(population):
    enterprises = set(Enterprise.objects.values_list("uscc", flat=True))
    employers = set(Employer.objects.values_list("uscc", flat=True))

    assert employers == enterprises
    assert set(EmploymentRecord.objects.values_list("employer_id", flat=True)) <= enterprises
    assert set(FundAccount.objects.values_list("employer_uscc", flat=True)) <= enterprises
    assert set(TaxRegistration.objects.values_list("uscc", flat=True)) == enterprises
    for uscc in enterprises:
        assert normalize_uscc(uscc) == uscc


def test_nobody_currently_works_for_a_deregistered_enterprise(population):
    deregistered = set(Enterprise.objects.filter(status="deregistered").values_list("uscc", flat=True))

    assert not EmploymentRecord.objects.filter(ended_on__isnull=True, employer_id__in=deregistered).exists()


def test_legal_representatives_and_shareholders_are_adults_of_the_population(population):
    everyone = dict(Person.objects.values_list("id_number", "birth_date"))
    for enterprise in Enterprise.objects.all():
        assert enterprise.legal_rep_id_number in everyone
        assert Person.objects.get(id_number=enterprise.legal_rep_id_number).name == enterprise.legal_rep_name
    for number in Shareholder.objects.values_list("id_number", flat=True):
        assert number in everyone


def test_every_insured_or_employed_person_exists(population):
    everyone = people()

    assert set(InsuredPerson.objects.values_list("id_number", flat=True)) <= everyone
    assert set(EmploymentRecord.objects.values_list("id_number", flat=True)) <= everyone
    assert set(MedicalEnrolment.objects.values_list("id_number", flat=True)) == everyone
    assert set(Ownership.objects.values_list("owner_id_number", flat=True)) <= everyone


def test_every_birth_certificate_names_the_childs_mother_in_the_population(population):
    everyone = dict(Person.objects.values_list("id_number", "sex"))
    for certificate in BirthMedicalCertificate.objects.all():
        assert everyone[certificate.mother_id_number] == "F"
        assert everyone[certificate.child_id_number] == certificate.sex
        assert not certificate.father_id_number or everyone[certificate.father_id_number] == "M"


def test_property_shares_add_up_to_the_whole(population):
    from django.db.models import Sum

    totals = Ownership.objects.values("property_id").annotate(total=Sum("share_percent"))
    for row in totals:
        assert 99.9 <= float(row["total"]) <= 100.1


def test_the_same_plan_generates_the_same_rows(regions):
    def first_rows():
        chunk = next(Population(PLAN, counties_in_force()).chunks(chunk_people=100))
        return chunk.rows["population.person"][:50], chunk.rows["marriage.record"][:20]

    assert first_rows() == first_rows()


def test_at_a_larger_scale_every_reference_points_at_a_generated_row(regions):
    from collections import defaultdict

    from onevisit.registries.synthesis import TABLES

    rows: defaultdict[str, list[dict]] = defaultdict(list)
    plan = PopulationPlan(seed=7, people=5000, enterprises=40)
    for chunk in Population(plan, counties_in_force()).chunks(chunk_people=1000):
        for key, values in chunk.rows.items():
            rows[key].extend(dict(zip(TABLES[key][1], row, strict=True)) for row in values)
    people = {p["id_number"] for p in rows["population.person"]}
    status = {e["uscc"]: e["status"] for e in rows["enterprise.enterprise"]}

    assert len(people) == len(rows["population.person"])  # ID numbers are unique
    assert len(status) == len(rows["enterprise.enterprise"]) == plan.registry_enterprises + 1
    assert all(normalize_uscc(uscc) == uscc for uscc in status)
    assert {h["head_id_number"] for h in rows["population.household"]} <= people
    assert {e["legal_rep_id_number"] for e in rows["enterprise.enterprise"]} <= people
    assert {m[k] for m in rows["marriage.record"] for k in ("husband_id_number", "wife_id_number")} <= people
    assert {o["owner_id_number"] for o in rows["real_estate.ownership"]} <= people
    assert {c["mother_id_number"] for c in rows["health.birth_certificate"]} <= people
    for employment in rows["social_insurance.employment"]:
        assert employment["id_number"] in people
        if employment["ended_on"] is None:
            assert status[employment["employer_id"]] != "deregistered"
    for key, (_model, columns) in TABLES.items():
        unique = {"certificate_number", "unit_number", "account_number", "household_number"} & set(columns)
        for column in unique:
            values = [row[column] for row in rows[key]]
            assert len(set(values)) == len(values), f"{key}.{column}"


def test_a_bigger_plan_starts_with_the_same_people(regions):
    def adults(people: int) -> list[tuple[str, str, str]]:
        plan = PopulationPlan(seed=PLAN.seed, people=people, enterprises=PLAN.enterprises)
        return list(Population(plan, counties_in_force()).adults(60))

    assert adults(100) == adults(3000)[:len(adults(100))]

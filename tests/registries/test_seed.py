"""`onevisit seed` fills the registries from one population; accounts are people of it."""

import io

import pytest
from django.core.management import call_command

from onevisit.accounts.models import Enterprise as AccountEnterprise
from onevisit.accounts.models import EnterpriseMandate, User, UserKind
from onevisit.registries import REGISTRY_CODES
from onevisit.registries.enterprise.models import Enterprise
from onevisit.registries.loading import population_load, registry_models
from onevisit.registries.population.models import Person
from onevisit.registries.synthesis import PopulationPlan

from .conftest import LI, PLAN, REGISTRY_DATABASES, WANG

pytestmark = pytest.mark.django_db(databases=REGISTRY_DATABASES)


def counts() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for code in REGISTRY_CODES for model in registry_models(code)}


def seed(citizens: int = 120, enterprises: int = 6) -> str:
    out = io.StringIO()
    call_command("seed", citizens=citizens, enterprises=enterprises, stdout=out)
    return out.getvalue()


def test_loading_the_same_plan_twice_changes_nothing(population):
    before = counts()

    assert population_load(PLAN, stdout=lambda line: None) == {}
    assert counts() == before


def test_loading_another_plan_replaces_the_population(population):
    population_load(PopulationPlan(seed=PLAN.seed, people=80, enterprises=5), stdout=lambda line: None)

    assert 80 <= Person.objects.count() < 86
    assert Person.objects.filter(id_number=WANG).exists()


def test_the_seed_command_fills_every_registry_and_reports_it(regions):
    output = seed()

    assert "[registries.population]" in output
    for code in REGISTRY_CODES:
        assert f"  {code}: " in output
    assert all(n > 0 for label, n in counts().items() if not label.endswith("SyntheticLoad"))


def test_seeding_twice_changes_no_counts(regions):
    seed()
    before = counts(), User.objects.count(), AccountEnterprise.objects.count()

    seed()

    assert (counts(), User.objects.count(), AccountEnterprise.objects.count()) == before


def test_citizen_accounts_are_adults_of_the_population(regions):
    seed()
    population = dict(Person.objects.values_list("id_number", "name"))
    citizens = User.objects.filter(kind=UserKind.CITIZEN)

    assert citizens.filter(id_number=WANG, full_name="王小明").exists()
    assert citizens.filter(id_number=LI, full_name="李华").exists()
    for user in citizens:
        assert population[user.id_number] == user.full_name
        assert user.id_number[6:10] <= "2007"  # adults on the reference date 2026-01-01


def test_account_enterprises_are_registry_enterprises_with_their_legal_representatives(regions):
    seed(enterprises=6)
    registry = {e.uscc: e for e in Enterprise.objects.all()}
    enterprises = AccountEnterprise.objects.all()

    assert enterprises.count() == 7  # six synthetic and the demo enterprise
    for enterprise in enterprises:
        source = registry[enterprise.uscc]
        assert (enterprise.name, enterprise.legal_representative_id_number) == (source.name,
                                                                                 source.legal_rep_id_number)
        mandate = EnterpriseMandate.objects.get(enterprise=enterprise)
        assert mandate.user.id_number == source.legal_rep_id_number


def test_the_demo_founder_acts_for_the_demo_enterprise_and_the_demo_citizen_for_none(regions):
    seed()

    assert list(EnterpriseMandate.objects.filter(user__id_number=LI).values_list("enterprise__uscc", flat=True)) == [
        "91330106MA2KH7QN0M"]
    assert not EnterpriseMandate.objects.filter(user__id_number=WANG).exists()

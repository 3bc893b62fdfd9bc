"""Each registry lives in its own database: the router sends its models there and nothing else."""

import pytest
from django.conf import settings
from django.db import connections, router

from onevisit.accounts.models import User
from onevisit.registries import REGISTRY_CODES
from onevisit.registries.loading import registry_models
from onevisit.registries.population.models import Person

from .conftest import REGISTRY_DATABASES


def test_every_registry_has_its_own_database_alias():
    for code in REGISTRY_CODES:
        assert f"registry_{code}" in settings.DATABASES


def test_each_registry_database_is_separate_from_the_default_one():
    default = settings.DATABASES["default"]
    names = {str(settings.DATABASES[f"registry_{code}"]["NAME"]) for code in REGISTRY_CODES}

    assert len(names) == len(REGISTRY_CODES)
    assert str(default["NAME"]) not in names
    if default["ENGINE"].endswith("postgresql"):
        assert f"{default['NAME']}_registry_population" in names


def test_registry_models_are_read_and_written_on_their_alias():
    for code in REGISTRY_CODES:
        for model in registry_models(code):
            assert router.db_for_read(model) == f"registry_{code}"
            assert router.db_for_write(model) == f"registry_{code}"


def test_platform_models_stay_on_the_default_database():
    assert router.db_for_read(User) in (None, "default")
    assert not router.allow_migrate("registry_population", "accounts", model_name="user")
    assert router.allow_migrate("default", "accounts", model_name="user") is not False


def test_a_registry_migrates_only_into_its_own_database():
    assert router.allow_migrate("registry_population", "registry_population", model_name="person")
    assert not router.allow_migrate("default", "registry_population", model_name="person")
    assert not router.allow_migrate("registry_tax", "registry_population", model_name="person")


def test_rows_of_two_registries_may_not_be_related():
    from onevisit.registries.tax.models import TaxRegistration

    assert router.allow_relation(Person(), TaxRegistration()) is False
    assert router.allow_relation(Person(), Person()) is True


@pytest.mark.django_db(databases=REGISTRY_DATABASES)
def test_a_registry_table_exists_in_its_database_and_not_in_the_default_one():
    table = Person._meta.db_table

    assert table in connections["registry_population"].introspection.table_names()
    assert table not in connections["default"].introspection.table_names()
    assert User._meta.db_table not in connections["registry_population"].introspection.table_names()

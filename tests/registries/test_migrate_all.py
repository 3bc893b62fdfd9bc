"""`onevisit migrate_all` migrates the default database and every registry database."""

import io

import pytest
from django.core.management import call_command

from onevisit.registries import REGISTRY_CODES

from .conftest import REGISTRY_DATABASES


@pytest.mark.django_db(databases=REGISTRY_DATABASES)
def test_migrate_all_visits_every_alias_and_finds_nothing_left_to_do():
    out = io.StringIO()

    call_command("migrate_all", "--no-input", stdout=out)

    for alias in ["default", *[f"registry_{code}" for code in REGISTRY_CODES]]:
        assert f"migrated {alias}" in out.getvalue()
    assert "created database" not in out.getvalue()

"""How each registry's database is derived from the default one."""

from pathlib import Path

import pytest

from onevisit.conf.base import VAR_DIR, registry_databases

SQLITE = {"ENGINE": "django.db.backends.sqlite3", "NAME": "/srv/onevisit/var/onevisit.sqlite3",
          "OPTIONS": {"init_command": "PRAGMA journal_mode=WAL;", "transaction_mode": "IMMEDIATE"}}
POSTGRES = {"ENGINE": "django.db.backends.postgresql", "NAME": "onevisit", "HOST": "db", "USER": "app",
            "OPTIONS": {"connect_timeout": 5}}


def test_on_sqlite_each_registry_gets_its_own_file_with_the_same_options():
    databases = registry_databases(SQLITE)

    tax = databases["registry_tax"]
    assert tax["NAME"] == Path(VAR_DIR) / "registry_tax.sqlite3"
    assert tax["OPTIONS"] == SQLITE["OPTIONS"]
    assert len({str(d["NAME"]) for d in databases.values()}) == 11


def test_on_postgresql_each_registry_gets_its_own_database_on_the_same_server():
    databases = registry_databases(POSTGRES)

    assert databases["registry_health"]["NAME"] == "onevisit_registry_health"
    assert databases["registry_health"]["HOST"] == "db"


def test_one_registry_can_be_pointed_elsewhere(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("REGISTRY_TAX_DATABASE_URL", "postgres://tax@tax-db.example:5432/taxr")

    databases = registry_databases(POSTGRES)

    assert (databases["registry_tax"]["HOST"], databases["registry_tax"]["NAME"]) == ("tax-db.example", "taxr")
    assert databases["registry_health"]["NAME"] == "onevisit_registry_health"

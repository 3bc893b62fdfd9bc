"""`onevisit migrate_all`: migrate the default database and every registry's own database.

On PostgreSQL a registry database that does not exist yet is created first (the role needs
CREATEDB, as the superuser of a development or CI server has), so a fresh server needs no
manual step.
"""

from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connections

from onevisit.registries import REGISTRY_CODES


def ensure_postgres_database(alias: str) -> bool:
    """Create the alias's PostgreSQL database (or SQLite folder) if missing; True when a database was created."""
    connection = connections[alias]
    if connection.vendor == "sqlite":
        name = str(connection.settings_dict["NAME"])
        if not name.startswith("file:") and name != ":memory:":
            Path(name).parent.mkdir(parents=True, exist_ok=True)
        return False
    if connection.vendor != "postgresql":
        return False
    import psycopg
    from psycopg import sql

    params = connection.get_connection_params()
    name = params.pop("dbname")
    params["dbname"] = "postgres"
    params.pop("cursor_factory", None)
    params.pop("context", None)
    with psycopg.connect(**params, autocommit=True) as maintenance:
        if maintenance.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            return False
        maintenance.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return True


class Command(BaseCommand):
    help = "Migrate the default database and every registry database (creating missing PostgreSQL databases)."

    def add_arguments(self, parser):
        parser.add_argument("--no-create", action="store_true", help="do not create missing PostgreSQL databases")
        # Accepted for parity with `migrate`; migrate_all never asks anything.
        parser.add_argument("--noinput", "--no-input", action="store_false", dest="interactive")

    def handle(self, *args, **options):
        verbosity = options["verbosity"]
        aliases = ["default", *[f"registry_{code}" for code in REGISTRY_CODES if f"registry_{code}" in settings.DATABASES]]
        for alias in aliases:
            if not options["no_create"] and ensure_postgres_database(alias):
                self.stdout.write(f"created database {connections[alias].settings_dict['NAME']}")
            call_command("migrate", database=alias, interactive=False, verbosity=max(0, verbosity - 1),
                         stdout=self.stdout)
            if verbosity:
                self.stdout.write(f"migrated {alias}")

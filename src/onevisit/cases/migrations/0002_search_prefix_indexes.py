"""Prefix search (LIKE 'x%') on the applicant's name and the reference within a department.

On PostgreSQL a btree in a non-C collation cannot serve LIKE prefixes; the *_pattern_ops operator
classes can. SQLite has no such operator classes (and its LIKE optimisation needs other
settings): the indexes are PostgreSQL only.
"""

from django.db import migrations

INDEXES = {
    "cases_dept_name_prefix": "(department_id, applicant_name varchar_pattern_ops)",
    "cases_reference_prefix": "(reference varchar_pattern_ops)",
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, columns in INDEXES.items():
            schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON cases_case {columns}")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]

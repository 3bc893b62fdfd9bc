"""Case search by a name prefix, newest first, as an index walk that stops after a page.

The name-prefix index (0002) finds every case of a common surname in the department, then all of
them are sorted to show the newest 100. This index holds, per department and first character of
the applicant's name, the cases newest first: the search page reads its first rows and checks the
rest of the prefix on each. ``queue_sql.search`` writes the same expression. PostgreSQL only,
like 0002 (SQLite is the embedded default, not the scale target).
"""

from django.db import migrations

NAME = "cases_dept_surname"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {NAME} ON cases_case "
                              "(department_id, substr(applicant_name, 1, 1), opened_at DESC, id DESC)")
        # The planner knows how many cases a first character finds only once the expression has
        # statistics; without them it sorts every case of a common surname to show 100.
        schema_editor.execute("ANALYZE cases_case")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {NAME}")


class Migration(migrations.Migration):
    dependencies = [("cases", "0004_terminated_decided_at")]

    operations = [migrations.RunPython(create, drop)]

from django.db import migrations

from onevisit.exchange import log_triggers


def create(apps, schema_editor):
    for statement in log_triggers.create_statements(schema_editor.connection.vendor):
        schema_editor.execute(statement, params=None)


def drop(apps, schema_editor):
    for statement in log_triggers.drop_statements(schema_editor.connection.vendor):
        schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [("exchange", "0001_initial")]

    operations = [migrations.RunPython(create, drop, elidable=False)]

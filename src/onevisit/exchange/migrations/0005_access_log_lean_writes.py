"""The access log writes fewer index entries per row and takes no row locks (see models/log.py).

On SQLite, altering these columns rebuilds the table, which drops its append-only triggers: they
are created again after the change, and before undoing it for the same reason.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from onevisit.exchange import log_triggers


def sqlite_triggers_again(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in log_triggers.create_statements("sqlite"):
            schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_totp_last_step"),
        ("exchange", "0004_data_error_reports"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(migrations.RunPython.noop, sqlite_triggers_again, elidable=False),
        migrations.AlterField(
            model_name="accesslog",
            name="acting_user",
            field=models.ForeignKey(
                db_constraint=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="操作人",
            ),
        ),
        migrations.AlterField(
            model_name="accesslog",
            name="chain_seq",
            field=models.BigIntegerField(blank=True, null=True, verbose_name="链序号"),
        ),
        migrations.AlterField(
            model_name="accesslog",
            name="consumer",
            field=models.ForeignKey(
                db_constraint=False,
                db_index=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="accounts.department",
                verbose_name="使用部门",
            ),
        ),
        migrations.AlterField(
            model_name="accesslog",
            name="prev_hash",
            field=models.CharField(blank=True, max_length=64, null=True, verbose_name="前序摘要"),
        ),
        migrations.AddConstraint(
            model_name="accesslog",
            constraint=models.UniqueConstraint(
                condition=models.Q(("chain_seq__isnull", False)),
                fields=("chain_seq",),
                name="exchange_log_one_row_per_seq",
            ),
        ),
        migrations.AddConstraint(
            model_name="accesslog",
            constraint=models.UniqueConstraint(
                condition=models.Q(("prev_hash__isnull", False)),
                fields=("prev_hash",),
                name="exchange_log_one_successor",
            ),
        ),
        migrations.RunPython(sqlite_triggers_again, migrations.RunPython.noop, elidable=False),
    ]

"""Every closed case has its closing time: terminated cases got none before (the decided list
pages by it)."""

from django.db import migrations
from django.db.models import F


def fill(apps, schema_editor):
    Case = apps.get_model("cases", "Case")
    Case.objects.filter(status="terminated", decided_at__isnull=True).update(decided_at=F("updated_at"))


class Migration(migrations.Migration):
    dependencies = [("cases", "0003_queue_partial_indexes")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]

"""`onevisit catalogue import` and `export`."""

import pytest
from django.core.management import CommandError, call_command

from onevisit.catalogue.models import Bundle

pytestmark = pytest.mark.django_db


def test_import_then_export_through_the_command(tmp_path, catalogue_seeded, capsys):
    bundle = tmp_path / "marriage_birth.yaml"
    bundle.write_text("bundles:\n- code: DEMO-B20\n  name: 婚育户\n  audience: person\n  lead: CA\n"
                      "  components:\n  - matter: DEMO-M08\n  - {matter: DEMO-M01, depends_on: [DEMO-M08]}\n",
                      encoding="utf-8")

    call_command("catalogue", "import", str(bundle))
    output = tmp_path / "catalogue.yaml"
    call_command("catalogue", "export", "--output", str(output))

    assert Bundle.objects.filter(code="DEMO-B20").exists()
    assert "code: DEMO-B20" in output.read_text(encoding="utf-8")


def test_a_broken_file_fails_naming_each_problem(tmp_path, catalogue_seeded):
    broken = tmp_path / "broken.yaml"
    broken.write_text("bundles:\n- code: DEMO-B21\n  name: 坏\n  audience: person\n  lead: XX\n"
                      "  components:\n  - matter: DEMO-M99\n", encoding="utf-8")

    with pytest.raises(CommandError) as excinfo:
        call_command("catalogue", "import", str(broken))

    message = str(excinfo.value)
    assert "broken.yaml: bundles[0].lead" in message
    assert "broken.yaml: bundles[0].components[0].matter" in message
    assert not Bundle.objects.filter(code="DEMO-B21").exists()


def test_a_file_that_is_not_yaml_is_refused(tmp_path, catalogue_data_items):
    bad = tmp_path / "bad.yaml"
    bad.write_text("matters: [\n", encoding="utf-8")

    with pytest.raises(CommandError) as excinfo:
        call_command("catalogue", "import", str(bad))

    assert "bad.yaml" in str(excinfo.value)

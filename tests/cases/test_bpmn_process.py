"""A matter may carry its own BPMN process: checked on import, cached, and run by its cases."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from onevisit.cases import workflow
from onevisit.catalogue.models import Matter

pytestmark = pytest.mark.django_db

DATA = __import__("pathlib").Path(__file__).parent / "data"
MATTER = """
matters:
- code: DEMO-X09
  name: 食品经营许可（现场核查）
  type: licensing
  department: AMR
  level: county
  applicant: enterprise
  case_type: committed
  committed_days: 5
  statutory_days: 20
  process: {process}
"""


def _write(tmp_path, process: str):
    (tmp_path / "inspection.bpmn").write_text((DATA / "inspection.bpmn").read_text(encoding="utf-8"), encoding="utf-8")
    path = tmp_path / "matter.yaml"
    path.write_text(MATTER.format(process=process), encoding="utf-8")
    return path


def test_a_matter_with_its_own_bpmn_file_is_imported_and_its_case_runs_that_process(tmp_path, regions):
    call_command("catalogue", "import", str(_write(tmp_path, "inspection.bpmn")), stdout=open("/dev/null", "w"))  # noqa: SIM115

    matter = Matter.objects.get(code="DEMO-X09")
    process = workflow.process_for(matter.process_bpmn)
    assert process.key.startswith("food_licence@")
    assert workflow.process_for(matter.process_bpmn) is process  # parsed once
    run = workflow.start(process)
    steps = []
    while (task := workflow.ready_task(run)) is not None:
        steps.append(task.task_spec.name)
        workflow.complete(run, task.task_spec.name, {"decision": "approved"} if task.task_spec.name == "decide" else {})
    assert steps == ["accept", "site_inspection", "decide"]
    assert run.is_completed()


def test_a_process_without_a_decide_task_is_refused_on_import_and_nothing_is_written(tmp_path, regions):
    broken = (DATA / "inspection.bpmn").read_text(encoding="utf-8").replace('id="decide"', 'id="approve"').replace(
        'targetRef="decide"', 'targetRef="approve"').replace('sourceRef="decide"', 'sourceRef="approve"')
    path = _write(tmp_path, "broken.bpmn")
    (tmp_path / "broken.bpmn").write_text(broken, encoding="utf-8")

    with pytest.raises(CommandError) as excinfo:
        call_command("catalogue", "import", str(path), stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert "matters[0].process" in str(excinfo.value) and "decide" in str(excinfo.value)
    assert not Matter.objects.filter(code="DEMO-X09").exists()


def test_a_process_that_is_not_bpmn_is_refused(tmp_path, regions):
    path = _write(tmp_path, "notes.bpmn")
    (tmp_path / "notes.bpmn").write_text("<not-bpmn/>", encoding="utf-8")
    with pytest.raises(CommandError) as excinfo:
        call_command("catalogue", "import", str(path), stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert "matters[0].process" in str(excinfo.value)

"""The BPMN engine (SpiffWorkflow 3) behind every case.

A matter runs the default process (accept → review → decide, with an exclusive gateway that ends
at acceptance when the decision is already made: 即办件, or 不予受理) unless the catalogue gives
it its own BPMN. A process must have user tasks ``accept`` and ``decide``; other user tasks
(a site inspection, a second review ...) are completed with the generic action. BPMN files are
trusted code (script tasks and conditions run Python), so they come only from the catalogue
import, which is an administrator's act.

Parsed specs are cached per process text (its hash); a workflow's state is serialized to JSON and
stored beside the case.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _
from SpiffWorkflow.bpmn import BpmnWorkflow
from SpiffWorkflow.bpmn.parser import BpmnParser
from SpiffWorkflow.bpmn.parser.ValidationException import ValidationException
from SpiffWorkflow.bpmn.serializer import BpmnWorkflowSerializer
from SpiffWorkflow.bpmn.specs.defaults import UserTask
from SpiffWorkflow.exceptions import SpiffWorkflowException
from SpiffWorkflow.util.task import TaskState

from onevisit.core.errors import ValidationFailed

DEFAULT_PROCESS = Path(__file__).parent / "processes" / "default.bpmn"
REQUIRED_TASKS = ("accept", "decide")
_serializer = BpmnWorkflowSerializer()


@dataclass(frozen=True)
class Process:
    key: str  # "<process id>@<sha256 prefix>"
    spec: Any
    task_names: dict[str, str]  # user task id -> name


def _parse(xml: bytes) -> Process:
    parser = BpmnParser()
    try:
        parser.add_bpmn_str(xml)
        ids = parser.get_process_ids()
        if len(ids) != 1:
            raise ValidationFailed.for_field("process", _("BPMN 文件必须且只能包含一个可执行流程"))
        spec = parser.get_spec(ids[0])
    except (ValidationException, SpiffWorkflowException, ValueError) as exc:
        raise ValidationFailed.for_field("process", _("BPMN 文件无法解析：%(error)s") % {"error": exc}) from exc
    tasks = {name: t.bpmn_name or name for name, t in spec.task_specs.items() if isinstance(t, UserTask)}
    missing = [t for t in REQUIRED_TASKS if t not in tasks]
    if missing:
        raise ValidationFailed.for_field("process", _("流程缺少用户任务：%(tasks)s") % {"tasks": "、".join(missing)})
    return Process(key=f"{ids[0]}@{hashlib.sha256(xml).hexdigest()[:12]}", spec=spec, task_names=tasks)


@lru_cache(maxsize=64)
def _cached(xml: bytes) -> Process:
    return _parse(xml)


def process_validate(xml: str | bytes) -> Process:
    """Parse and check a matter's BPMN (used by the catalogue import). Raises ValidationFailed."""
    return _cached(xml.encode() if isinstance(xml, str) else xml)


def process_for(bpmn: str = "") -> Process:
    """The matter's process: its own BPMN text, or the default."""
    if bpmn:
        return process_validate(bpmn)
    return _cached(DEFAULT_PROCESS.read_bytes())


def start(process: Process) -> BpmnWorkflow:
    workflow = BpmnWorkflow(process.spec)
    workflow.do_engine_steps()
    return workflow


def dumps(workflow: BpmnWorkflow) -> str:
    return _serializer.serialize_json(workflow)


def loads(state: str) -> BpmnWorkflow:
    return _serializer.deserialize_json(state)


def ready_task(workflow: BpmnWorkflow):
    """The user task waiting for an officer, or None when the process has ended."""
    ready = [t for t in workflow.get_tasks(state=TaskState.READY) if isinstance(t.task_spec, UserTask)]
    return ready[0] if ready else None


def complete(workflow: BpmnWorkflow, task_id: str, data: dict[str, Any]) -> None:
    """Complete the ready user task ``task_id`` with ``data`` and run the engine to the next wait."""
    task = ready_task(workflow)
    if task is None or task.task_spec.name != task_id:
        raise ValueError(task_id)
    task.data.setdefault("decision", None)
    task.data.update(data)
    task.run()
    workflow.do_engine_steps()

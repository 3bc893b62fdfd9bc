"""The one way a case changes: inside a transaction, guarded by the version the actor saw,
writing exactly one event (its ``seq`` is the case's new version) and the workflow state.

A retried request carrying the same ``request_key`` finds its event and changes nothing, so a
client that lost the answer (the server was killed after commit) can safely send it again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from onevisit.cases import workflow as engine
from onevisit.cases.errors import CaseNotFound, NotYourDepartment, StaleCase
from onevisit.cases.models import Case, CaseEvent, CaseWorkflow
from onevisit.core.errors import ValidationFailed

MAX_KEY = 64
# Columns an action may change (everything but identity, version and timestamps).
MUTABLE = ("status", "task", "task_name", "assignee_id", "department_id", "clock_started_on", "paused_since",
           "paused_workdays", "extended_workdays", "committed_due", "statutory_due", "resume_status", "decision",
           "decision_reason", "delivery", "accepted_at", "decided_at", "decided_by_id")


def _clean_key(request_key: str | None) -> str | None:
    key = (request_key or "").strip() or None
    if key is not None and len(key) > MAX_KEY:
        raise ValidationFailed.for_field("Idempotency-Key", f"<= {MAX_KEY}")
    return key


def replayed(case_id: int, request_key: str | None) -> CaseEvent | None:
    if request_key is None:
        return None
    return CaseEvent.objects.filter(case_id=case_id, request_key=request_key).first()


def apply(
    case: Case, *, actor, action: str, expected_version: int | None, change: Callable[[Case, Any], None],
    reason: str = "", data: dict[str, Any] | None = None, request_key: str | None = None,
    check: Callable[[Case], None] | None = None, with_workflow: bool = False,
    after: Callable[[Case, CaseEvent], None] | None = None,
) -> Case:
    """Run ``change(case, workflow)`` and persist it with one event, or raise StaleCase.

    ``check`` runs on the fresh row (permissions, step); ``after`` runs in the same transaction
    once the row is saved (notifications, dependent cases).
    """
    key = _clean_key(request_key)
    if replayed(case.pk, key) is not None:
        return _replay(case, actor)
    try:
        with transaction.atomic():
            fresh = Case.objects.select_related("matter", "department", "assignee", "applicant").filter(
                pk=case.pk).first()
            if fresh is None:
                raise CaseNotFound()
            if check is not None:
                check(fresh)
            if expected_version is not None and fresh.version != expected_version:
                raise StaleCase(details={"version": fresh.version})
            seen = fresh.version
            workflow_row = CaseWorkflow.objects.filter(case_id=fresh.pk).first() if with_workflow else None
            workflow = engine.loads(workflow_row.state) if workflow_row is not None else None
            change(fresh, workflow)
            now = timezone.now()
            updated = Case.objects.filter(pk=fresh.pk, version=seen).update(
                version=F("version") + 1, updated_at=now, **{f: getattr(fresh, f) for f in MUTABLE})
            if updated != 1:
                raise StaleCase()
            fresh.version = seen + 1
            if workflow is not None:
                if fresh.is_open:
                    CaseWorkflow.objects.filter(case_id=fresh.pk).update(state=engine.dumps(workflow))
                else:  # the event log is the record of a closed case; its engine state is not needed
                    CaseWorkflow.objects.filter(case_id=fresh.pk).delete()
            event = CaseEvent.objects.create(
                case=fresh, seq=fresh.version, action=action, at=now, actor=actor,
                actor_name=getattr(actor, "full_name", "") if actor is not None else "",
                department_id=fresh.department_id, task=data.pop("_task", "") if data else "",
                status_after=fresh.status, reason=reason, data=data or {}, request_key=key)
            if after is not None:
                after(fresh, event)
    except IntegrityError:
        # A concurrent retry of the same request won the race: its event is there.
        if replayed(case.pk, key) is None:
            raise
        return _replay(case, actor)
    return fresh


def _replay(case: Case, actor) -> Case:
    """The case as it is now, for a retried request, to whoever may still see it: the step may
    have moved on since, but the answer never goes to someone outside the case."""
    from onevisit.cases.permissions import can_view

    current = Case.objects.select_related("matter", "department", "assignee").get(pk=case.pk)
    if actor is not None and actor.pk != current.applicant_id and not can_view(actor, current):
        raise NotYourDepartment()
    return current


def append_event(case: Case, *, action: str, actor=None, reason: str = "", data: dict | None = None) -> CaseEvent:
    """An event that changes nothing but the version (a document was produced, originals checked)."""
    return apply(case, actor=actor, action=action, expected_version=None, change=lambda c, w: None,
                 reason=reason, data=data).events.order_by("-seq").first()  # type: ignore[return-value]

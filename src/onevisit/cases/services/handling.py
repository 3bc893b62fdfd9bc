"""An officer moves a case through its process: claim, accept (or not), review, other process
tasks, decide. Every function takes the version the officer saw (optimistic lock) and an
optional request key (a retried request is answered without acting twice)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from onevisit.cases import workflow as engine
from onevisit.cases.errors import CaseClosed, CaseWaiting, ClaimedByOther, WrongStep
from onevisit.cases.models import Case, CaseAction, CaseStatus, Delivery
from onevisit.cases.permissions import check_act
from onevisit.cases.services.results import on_decided
from onevisit.cases.services.transition import apply
from onevisit.core.errors import ValidationFailed

DECISIONS = ("approved", "rejected")
MAX_REASON = 2000


def _reason(reason: str, *, required: bool, field: str = "reason") -> str:
    text = (reason or "").strip()
    if required and not text:
        raise ValidationFailed.for_field(field, _("请填写理由"))
    if len(text) > MAX_REASON:
        raise ValidationFailed.for_field(field, _("最多 %(n)s 个字") % {"n": MAX_REASON})
    return text


def _at_step(*tasks: str):
    def check(case: Case) -> None:
        if not case.is_open:
            raise CaseClosed()
        if case.status == CaseStatus.WAITING:
            raise CaseWaiting(details={"depends_on": case.depends_on})
        if case.is_paused:
            raise WrongStep(details={"status": case.status})
        if tasks and case.task not in tasks:
            raise WrongStep(details={"task": case.task})
    return check


def _advance(case: Case, workflow, task_id: str, data: dict[str, Any]) -> None:
    """Complete ``task_id`` and set the case's step, or its final status when the process ended."""
    engine.complete(workflow, task_id, data)
    nxt = engine.ready_task(workflow)
    if nxt is not None:
        case.status = CaseStatus.IN_PROGRESS
        case.task = nxt.task_spec.name
        case.task_name = nxt.task_spec.bpmn_name or case.task
        return
    decision = workflow.data.get("decision") or data.get("decision")
    case.task, case.task_name = "", ""
    case.decision = "approved" if decision == "approved" else "rejected"
    case.status = CaseStatus.APPROVED if case.decision == "approved" else CaseStatus.REJECTED
    case.decided_at = timezone.now()


def _claim_if_free(case: Case, actor) -> None:
    if case.assignee_id is None:
        case.assignee = actor


def case_claim(*, case: Case, actor, version: int | None, request_key: str | None = None) -> Case:
    def check(c: Case) -> None:
        check_act(actor, c, claim=True)
        if not c.is_open:
            raise CaseClosed()
        if c.assignee_id is not None and c.assignee_id != actor.pk:
            raise ClaimedByOther(details={"assignee": c.assignee.full_name if c.assignee else ""})

    def change(c: Case, _w) -> None:
        c.assignee = actor
    return apply(case, actor=actor, action=CaseAction.CLAIMED, expected_version=version, change=change,
                 check=check, request_key=request_key)


def case_release(*, case: Case, actor, version: int | None, request_key: str | None = None) -> Case:
    def check(c: Case) -> None:
        check_act(actor, c)
        if not c.is_open:
            raise CaseClosed()

    def change(c: Case, _w) -> None:
        c.assignee = None
    return apply(case, actor=actor, action=CaseAction.RELEASED, expected_version=version, change=change,
                 check=check, request_key=request_key)


def case_accept(*, case: Case, actor, version: int | None, decision: str | None = None, reason: str = "",
                delivery: str = "", request_key: str | None = None) -> Case:
    """Accept the case (受理). An immediate matter (即办件) is decided here: ``decision`` is
    required for it and the case ends; other matters go on to review."""
    if case.immediate:
        if decision not in DECISIONS:
            raise ValidationFailed.for_field("decision", _("即办件须在受理时作出决定"))
        reason = _reason(reason, required=decision == "rejected")
    elif decision is not None:
        raise ValidationFailed.for_field("decision", _("承诺件在审查后作出决定"))
    delivery = _delivery(case, delivery)

    def change(c: Case, workflow) -> None:
        _claim_if_free(c, actor)
        c.accepted_at = timezone.now()
        _advance(c, workflow, "accept", {"decision": decision, "immediate": c.immediate})
        if not c.is_open:
            c.decision_reason, c.decided_by, c.delivery = reason, actor, delivery

    # An immediate matter's acceptance is its decision: the log says which.
    action = {None: CaseAction.ACCEPTED, "approved": CaseAction.APPROVED}.get(decision, CaseAction.REJECTED)
    return apply(case, actor=actor, action=action, expected_version=version, change=change,
                 check=lambda c: (check_act(actor, c), _at_step("accept")(c)), with_workflow=True,
                 reason=reason, data={"_task": "accept", "decision": decision}, request_key=request_key,
                 after=on_decided)


def case_not_accept(*, case: Case, actor, version: int | None, reason: str, request_key: str | None = None) -> Case:
    """Refuse to accept (不予受理), with the reason the applicant will read."""
    reason = _reason(reason, required=True)

    def change(c: Case, workflow) -> None:
        _claim_if_free(c, actor)
        _advance(c, workflow, "accept", {"decision": "rejected"})
        c.decision_reason, c.decided_by = reason, actor

    return apply(case, actor=actor, action=CaseAction.NOT_ACCEPTED, expected_version=version, change=change,
                 check=lambda c: (check_act(actor, c), _at_step("accept")(c)), with_workflow=True,
                 reason=reason, data={"_task": "accept"}, request_key=request_key, after=on_decided)


def case_complete_task(*, case: Case, actor, version: int | None, task: str, opinion: str = "",
                       request_key: str | None = None) -> Case:
    """Complete the current process task other than accept and decide (审查, a site inspection ...)."""
    opinion = _reason(opinion, required=False, field="opinion")
    if task in ("accept", "decide"):
        raise WrongStep(details={"task": task})

    def change(c: Case, workflow) -> None:
        _claim_if_free(c, actor)
        _advance(c, workflow, task, {f"{task}_opinion": opinion})

    action = CaseAction.REVIEWED if task == "review" else CaseAction.TASK_COMPLETED
    return apply(case, actor=actor, action=action, expected_version=version, change=change,
                 check=lambda c: (check_act(actor, c), _at_step(task)(c)), with_workflow=True,
                 reason=opinion, data={"_task": task}, request_key=request_key)


def _delivery(case: Case, delivery: str) -> str:
    if not delivery:
        offered = case.matter.delivery or [Delivery.ELECTRONIC.value]
        return offered[0] if offered[0] in Delivery.values else Delivery.ELECTRONIC.value
    if delivery not in Delivery.values:
        raise ValidationFailed.for_field("delivery", _("送达方式无效"))
    return delivery


def case_decide(*, case: Case, actor, version: int | None, decision: str, reason: str = "", delivery: str = "",
                request_key: str | None = None) -> Case:
    """Decide (准予 / 不予). A rejection needs a reason the applicant can act on."""
    if decision not in DECISIONS:
        raise ValidationFailed.for_field("decision", _("请选择准予或不予"))
    reason = _reason(reason, required=decision == "rejected")
    delivery = _delivery(case, delivery)

    def change(c: Case, workflow) -> None:
        _claim_if_free(c, actor)
        _advance(c, workflow, "decide", {"decision": decision})
        c.decision_reason, c.decided_by, c.delivery = reason, actor, delivery

    action = CaseAction.APPROVED if decision == "approved" else CaseAction.REJECTED
    return apply(case, actor=actor, action=action, expected_version=version, change=change,
                 check=lambda c: (check_act(actor, c), _at_step("decide")(c)), with_workflow=True,
                 reason=reason, data={"_task": "decide", "delivery": delivery}, request_key=request_key,
                 after=on_decided)

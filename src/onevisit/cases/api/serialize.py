"""Cases as the API returns them (dicts matching the schemas; no extra queries per row)."""

from __future__ import annotations

from typing import Any

from onevisit.cases import selectors
from onevisit.cases.models import Case, CaseAction, CaseStatus


def supplement_out(supplement) -> dict[str, Any]:
    return {"case_reference": supplement.case.reference, "matter_name": supplement.case.matter.name,
            "items": supplement.items, "note": supplement.note, "requested_at": supplement.requested_at}


def case_detail(case: Case) -> dict[str, Any]:
    warning = selectors.case_warning(case)
    timeline = [{
        "seq": e.seq, "action": e.action, "action_label": str(CaseAction(e.action).label), "at": e.at,
        "actor": e.actor_name, "department": e.department.name if e.department_id else None, "task": e.task,
        "status_after": e.status_after, "reason": e.reason, "data": e.data,
    } for e in selectors.case_timeline(case=case)]
    supplement = case.supplements.filter(supplied_at__isnull=True).select_related("case__matter").first()
    return {
        "reference": case.reference, "application": case.application.reference, "matter__code": case.matter.code,
        "matter__name": case.matter.name, "department": case.department.name, "applicant_name": case.applicant_name,
        "channel": case.channel, "status": case.status, "status_label": str(CaseStatus(case.status).label),
        "task": case.task, "task_name": case.task_name,
        "assignee__full_name": case.assignee.full_name if case.assignee_id else None,
        "immediate": case.immediate, "committed_due": case.committed_due, "statutory_due": case.statutory_due,
        "opened_at": case.opened_at, "decided_at": case.decided_at, "warning": warning.state,
        "warning_label": warning.label, "days_left": warning.days_left, "version": case.version,
        "depends_on": case.depends_on, "committed_days": case.committed_days, "statutory_days": case.statutory_days,
        "paused_since": case.paused_since, "paused_workdays": case.paused_workdays,
        "extended_workdays": case.extended_workdays, "accepted_at": case.accepted_at, "decision": case.decision,
        "decision_reason": case.decision_reason, "delivery": case.delivery, "timeline": timeline,
        "open_supplement": supplement_out(supplement) if supplement else None,
    }

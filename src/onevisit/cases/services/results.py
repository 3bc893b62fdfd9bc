"""What a decision sets off, in the deciding transaction: the applicant is told, cases of the
same application waiting for this result resume by themselves (or end when it was refused),
the decision document is queued, and listeners (the e-certificate issue) are signalled after
commit."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from onevisit.cases.models import Case, CaseAction, CaseEvent, CaseStatus
from onevisit.cases.signals import case_decided


def on_decided(case: Case, event: CaseEvent) -> None:
    if case.is_open:
        return
    from onevisit.cases.tasks import decision_document
    from onevisit.notifications.services import notification_send

    outcome = _("准予") if case.status == CaseStatus.APPROVED else _("不予")
    body = _("您申请的“%(matter)s”（办件 %(ref)s）已办结，结果：%(outcome)s。") % {
        "matter": case.matter.name, "ref": case.reference, "outcome": outcome}
    if case.decision_reason and case.status != CaseStatus.APPROVED:
        body += _("理由：%(reason)s") % {"reason": case.decision_reason}
    notification_send(recipient=case.applicant, subject=_("办理结果：%(matter)s") % {"matter": case.matter.name},
                      body=body)
    decision_document.enqueue(case_id=case.pk)
    resume_dependents(case)
    transaction.on_commit(lambda: case_decided.send(sender=Case, case=case,
                                                    certificate_type=(
        case.matter.result_certificate.code if case.matter.result_certificate_id else None)))


def resume_dependents(decided: Case) -> None:
    """Cases of the same application that were waiting for ``decided``'s matter: when every
    prerequisite is approved they become ready and their clock starts today; when one was
    refused they end (终止), since what they need will not come."""
    from onevisit.cases import deadlines
    from onevisit.cases.services.opening import start_clock
    from onevisit.cases.services.transition import apply

    code = decided.matter.code
    waiting = [c for c in Case.objects.filter(application_id=decided.application_id, status=CaseStatus.WAITING)
               if code in c.depends_on]
    for case in waiting:
        prerequisites = {c.matter.code: c.status for c in Case.objects.select_related("matter").filter(
            application_id=case.application_id, matter__code__in=case.depends_on)}
        if any(s in (CaseStatus.REJECTED, CaseStatus.TERMINATED) for s in prerequisites.values()):
            def end(c: Case, _w, code=code) -> None:
                c.status, c.task, c.task_name = CaseStatus.TERMINATED, "", ""
                c.decision, c.decided_at = "terminated", timezone.now()
            apply(case, actor=None, action=CaseAction.TERMINATED, expected_version=None, change=end,
                  reason=_("前置事项 %(code)s 未获准予，本事项终止办理") % {"code": code}, data={"depends_on": code})
        elif all(s == CaseStatus.APPROVED for s in prerequisites.values()):
            def ready(c: Case, _w) -> None:
                c.status = CaseStatus.RECEIVED
                start_clock(c, deadlines.today())
            apply(case, actor=None, action=CaseAction.READY, expected_version=None, change=ready,
                  reason=_("前置事项 %(code)s 已出具结果，自动恢复办理") % {"code": code},
                  data={"depends_on": code, "from_case": decided.reference})

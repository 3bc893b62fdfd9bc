"""Opening cases at submission: one per component matter, all in the submitting transaction,
each with its workflow started, its department and its clock."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from onevisit.applications.models import Application
from onevisit.cases import deadlines
from onevisit.cases import workflow as engine
from onevisit.cases.deadlines import due_date
from onevisit.cases.models import Case, CaseAction, CaseEvent, CaseStatus, CaseWorkflow
from onevisit.catalogue.models import CaseType


def _department(application: Application, matter):
    from onevisit.applications.selectors import handling_department

    return handling_department(matter=matter, applicant=application.applicant, enterprise=application.enterprise)


def start_clock(case: Case, on) -> None:
    case.clock_started_on = on
    case.committed_due = due_date(start=on, limit_days=case.committed_days)
    case.statutory_due = due_date(start=on, limit_days=case.statutory_days)


def cases_open(*, application: Application) -> list[Case]:
    """Open one case per ``ApplicationMatter`` of a submitted application. Call inside the
    submission's transaction: the application is submitted with its cases or not at all.

    A case whose prerequisite matters (``depends_on``) are part of the same application waits
    for their results; the others can be accepted at once and start their clock today.
    Idempotent: matters that already have a case are skipped.
    """
    rows = list(application.matters.select_related("matter").filter(case__isnull=True))
    if not rows:
        return []
    codes = {r.matter.code for r in application.matters.select_related("matter")}
    now, day = timezone.now(), deadlines.today()
    applicant_name = application.enterprise.name if application.enterprise_id else application.applicant.full_name
    cases, workflows, events = [], [], []
    for row in rows:
        matter = row.matter
        process = engine.process_for(matter.process_bpmn)
        workflow = engine.start(process)
        task = engine.ready_task(workflow)
        department = _department(application, matter)
        waits_for = [c for c in row.depends_on if c in codes]
        immediate = matter.case_type == CaseType.IMMEDIATE
        case = Case(
            reference=f"{application.reference}-{row.position + 1:02d}", application=application,
            application_matter=row, matter=matter, department=department, applicant=application.applicant,
            applicant_name=applicant_name, enterprise=application.enterprise, channel=application.channel,
            status=CaseStatus.WAITING if waits_for else CaseStatus.RECEIVED,
            task=task.task_spec.name if task else "", task_name=process.task_names.get(task.task_spec.name, "")
            if task else "", depends_on=waits_for, immediate=immediate,
            committed_days=0 if immediate else matter.committed_limit_days, statutory_days=matter.statutory_limit_days,
            opened_at=now, version=2 if waits_for else 1)
        if not waits_for:
            start_clock(case, day)
        cases.append(case)
        workflows.append((case, process.key, engine.dumps(workflow)))
    Case.objects.bulk_create(cases)
    CaseWorkflow.objects.bulk_create([CaseWorkflow(case=c, process_key=k, state=s) for c, k, s in workflows])
    for case in cases:
        events.append(CaseEvent(case=case, seq=1, action=CaseAction.OPENED, at=now, department_id=case.department_id,
                                status_after=CaseStatus.RECEIVED, data={"channel": case.channel}))
        if case.status == CaseStatus.WAITING:
            events.append(CaseEvent(case=case, seq=2, action=CaseAction.WAITING, at=now,
                                    department_id=case.department_id, status_after=CaseStatus.WAITING,
                                    reason=_("等待前置事项办理结果：%(codes)s") % {"codes": "、".join(case.depends_on)},
                                    data={"depends_on": case.depends_on}))
    CaseEvent.objects.bulk_create(events)
    return cases

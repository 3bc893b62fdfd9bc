"""Demo seed: in-flight cases in every state, so the workbench and later dashboards are never
empty. Xihu and Hangzhou citizens (not the two demo citizens, who try applying themselves) have
applications for county and city matters; their evidence is fetched through the real gateway,
and officers move the cases with the real services: waiting, received, claimed, in review,
awaiting decision, supplement requested, suspended, extended, approved, rejected, not accepted,
terminated. Some clocks are set back so that queues show yellow and red deadlines.

The applications are recorded as handed in at the counter on paper (channel window, form not
captured): the seed does not invent form answers for every matter.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from onevisit.accounts.models import User, UserKind
from onevisit.applications.models import ApplicationMatter, ApplicationStatus, Channel
from onevisit.applications.services.start import application_start
from onevisit.cases import services
from onevisit.cases.deadlines import due_date
from onevisit.cases.models import Case, CaseStatus
from onevisit.catalogue.models import ApplicantType, Matter, Provider
from onevisit.core.errors import DomainError
from onevisit.core.seeding import SeedContext
from onevisit.core.workdays import add_workdays

DEMO_CITIZENS = {"330106199003071236", "330108198506120042"}
# What the officers do to each seeded case, in turn.
SCRIPTS = ["received", "claimed", "review", "decide", "supplement", "suspended", "extended", "approved",
           "rejected", "not_accepted", "received_overdue", "review_due_soon", "approved", "decide"]
BUNDLE = "DEMO-B02"


def _officer(case: Case, short: str = "officer") -> User | None:
    return User.objects.filter(department=case.department, username__endswith=f".{short}").first()


def _submit(application) -> list[Case]:
    """Submit a seeded draft as handed in at the counter (see the module note)."""
    from onevisit.applications.selectors import application_state
    from onevisit.applications.services.submission import material_summary, matter_rows

    with transaction.atomic():
        application.status = ApplicationStatus.SUBMITTED
        application.submitted_at = timezone.now()
        application.material_summary = material_summary(application_state(application=application))
        application.save()
        ApplicationMatter.objects.bulk_create(matter_rows(application))
        return services.cases_open(application=application)


def _set_back(case: Case, workdays: int) -> None:
    """Move the case's clock back by ``workdays`` working days (its history is older)."""
    start = case.clock_started_on or timezone.localdate()
    back = start
    while workdays > 0:
        back -= datetime.timedelta(days=1)
        if add_workdays(back, 0) == back:
            workdays -= 1
    Case.objects.filter(pk=case.pk).update(
        clock_started_on=back, committed_due=due_date(start=back, limit_days=case.committed_days),
        statutory_due=due_date(start=back, limit_days=case.statutory_days),
        opened_at=timezone.now() - datetime.timedelta(days=(start - back).days))


def _play(case: Case, script: str) -> None:
    officer = _officer(case)
    if officer is None or script == "received":
        return
    if script == "received_overdue":
        _set_back(case, (case.committed_days or 0) + 2)
        return
    case = services.case_claim(case=case, actor=officer, version=case.version)
    if script == "claimed":
        return
    if script == "not_accepted":
        services.case_not_accept(case=case, actor=officer, version=case.version,
                                 reason="该事项不属于本部门受理范围，请向户籍所在地部门申请")
        return
    if case.immediate:
        decision = "rejected" if script == "rejected" else "approved"
        if script in ("approved", "rejected"):
            services.case_accept(case=case, actor=officer, version=case.version, decision=decision,
                                 reason="申请人不符合办理条件" if decision == "rejected" else "")
        elif script == "supplement":
            services.case_request_supplement(case=case, actor=officer, version=case.version, items=[
                {"name": "身份证明", "reason": "复印件不清晰，请上传清晰的照片"}])
        return
    case = services.case_accept(case=case, actor=officer, version=case.version)
    if script == "supplement":
        services.case_request_supplement(case=case, actor=officer, version=case.version, items=[
            {"name": "身份证明", "reason": "复印件不清晰，请上传清晰的照片"},
            {"name": "申请表", "reason": "缺少申请人签名"}])
        return
    if script == "suspended":
        services.case_suspend(case=case, actor=officer, version=case.version, reason="等待司法鉴定结论")
        return
    if script == "extended":
        head = _officer(case, "head")
        if head is not None:
            services.case_extend(case=case, actor=head, version=case.version, days=5, reason="需要现场核查，经负责人批准延期")
        return
    if script == "review_due_soon":
        _set_back(case, max((case.committed_days or 1) - 1, 0))
        return
    if script == "review":
        return
    case = services.case_complete_task(case=case, actor=officer, version=case.version, task="review",
                                       opinion="材料齐全，符合法定形式")
    if script == "decide":
        return
    services.case_decide(case=case, actor=officer, version=case.version,
                         decision="rejected" if script == "rejected" else "approved",
                         reason="经审查，申请人不符合法定条件" if script == "rejected" else "")


def seed_cases(ctx: SeedContext) -> None:
    if Case.objects.exists():
        ctx.stdout(f"cases: {Case.objects.count()} already there")
        return
    matters = list(Matter.objects.filter(
        provider=Provider.GOVERNMENT, applicant_type__in=[ApplicantType.PERSON, ApplicantType.BOTH],
        implementing_level__in=["county", "city"]).order_by("code"))
    citizens = list(User.objects.filter(kind=UserKind.CITIZEN, id_number__startswith="330106").exclude(
        id_number__in=DEMO_CITIZENS).order_by("id_number")[:len(matters) + 2])
    if not matters or len(citizens) < 2:
        ctx.stdout("cases: no matters or citizens to seed from")
        return
    opened = 0
    for i, matter in enumerate(matters):
        citizen = citizens[i % len(citizens)]
        try:
            application = application_start(applicant=citizen, matter_code=matter.code, channel=Channel.WINDOW)
            _fetch(application)
            for case in _submit(application):
                _play(case, SCRIPTS[i % len(SCRIPTS)])
                opened += 1
        except DomainError as error:  # a matter this citizen cannot apply for: skip it
            ctx.stdout(f"cases: skipped {matter.code} for {citizen.username}: {error.code}")
    # Two bundles: one with cases waiting for the birth certificate (claimed by its officer),
    # one where the birth certificate was refused and the cases needing it ended.
    for citizen, refuse in ((citizens[-1], False), (citizens[-2], True)):
        try:
            application = application_start(applicant=citizen, bundle_code=BUNDLE, channel=Channel.WINDOW)
            _fetch(application)
            for case in _submit(application):
                opened += 1
                officer = _officer(case)
                if case.status != CaseStatus.RECEIVED or not case.immediate or officer is None:
                    continue
                case = services.case_claim(case=case, actor=officer, version=case.version)
                if refuse and not case.depends_on:
                    services.case_accept(case=case, actor=officer, version=case.version, decision="rejected",
                                         reason="出生医学证明信息与医院分娩记录不一致")
        except DomainError as error:
            ctx.stdout(f"cases: skipped bundle {BUNDLE}: {error.code}")
    counts = {s: Case.objects.filter(status=s).count() for s in CaseStatus.values}
    ctx.stdout(f"cases: {opened} opened; " + ", ".join(f"{k} {v}" for k, v in counts.items() if v))


def _fetch(application) -> None:
    from onevisit.applications.services.materials import application_confirm_evidence
    from onevisit.applications.services.prefill import application_prefill

    application_prefill(application=application)
    application.refresh_from_db()
    if application.evidence.exists():
        application_confirm_evidence(application=application)
        application.refresh_from_db()

"""A bundle's cases through the services: opened in parallel, the hukou case waits for the birth
certificate and resumes by itself, one supplement notice with two items pauses the clock, and the
applicant sees one combined status."""

import pytest

from onevisit.cases import selectors, services
from onevisit.cases.models import Case, CaseAction, CaseStatus, CaseWorkflow
from onevisit.notifications.models import Notification

from .conftest import APPS_DATABASES, officer_of

pytestmark = pytest.mark.django_db(databases=APPS_DATABASES)


def _handle(case: Case, officer) -> Case:
    case = services.case_claim(case=case, actor=officer, version=case.version)
    if case.immediate:
        return services.case_accept(case=case, actor=officer, version=case.version, decision="approved")
    case = services.case_accept(case=case, actor=officer, version=case.version)
    case = services.case_complete_task(case=case, actor=officer, version=case.version, task="review", opinion="材料齐全")
    return services.case_decide(case=case, actor=officer, version=case.version, decision="approved")


def test_submission_opens_one_case_per_matter_with_workflow_and_clock(newborn_application, newborn_cases):
    assert sorted(newborn_cases) == ["DEMO-M01", "DEMO-M17", "DEMO-M19", "DEMO-M20", "DEMO-M37", "DEMO-M38"]
    hukou = newborn_cases["DEMO-M01"]
    assert hukou.status == CaseStatus.WAITING and hukou.depends_on == ["DEMO-M37"]
    assert hukou.committed_due is None  # its clock starts when the birth certificate is issued
    birth = newborn_cases["DEMO-M37"]
    assert birth.status == CaseStatus.RECEIVED and birth.task == "accept" and birth.committed_due is not None
    assert CaseWorkflow.objects.filter(case__application=newborn_application).count() == 6
    assert list(birth.events.values_list("seq", "action")) == [(1, CaseAction.OPENED)]
    assert list(hukou.events.values_list("seq", "action")) == [(1, CaseAction.OPENED), (2, CaseAction.WAITING)]


def test_the_bundle_completes_with_a_supplement_and_a_dependent_case(newborn_application, newborn_cases, apps_wang):
    cases = newborn_cases
    birth = cases["DEMO-M37"]
    officer = officer_of(birth)
    birth = services.case_claim(case=birth, actor=officer, version=birth.version)
    assert birth.immediate  # 出生医学证明 is decided at acceptance
    due_before = birth.committed_due
    birth = services.case_request_supplement(case=birth, actor=officer, version=birth.version, items=[
        {"key": "mother_id", "name": "母亲身份证明", "reason": "照片不清晰"},
        {"key": "hospital_record", "name": "住院分娩记录", "reason": "缺少出院小结"}])
    assert birth.status == CaseStatus.SUPPLEMENT and birth.paused_since is not None
    notice = Notification.objects.filter(recipient=apps_wang, subject__startswith="请补正材料").get()
    assert "母亲身份证明" in notice.body and "住院分娩记录" in notice.body
    status = selectors.combined_status(cases=list(Case.objects.filter(application=newborn_application)))
    assert status.code == "supplement"

    birth = services.case_supply(case=birth, applicant=apps_wang, answers={"mother_id": "已重新拍照"},
                                 files={"hospital_record": ("出院小结.pdf", b"%PDF-1.7\n% summary\n")})
    assert birth.status == CaseStatus.RECEIVED and birth.task == "accept"
    assert birth.committed_due >= due_before and birth.paused_since is None

    birth = services.case_accept(case=birth, actor=officer, version=birth.version, decision="approved")
    assert birth.status == CaseStatus.APPROVED

    hukou = Case.objects.get(pk=cases["DEMO-M01"].pk)
    assert hukou.status == CaseStatus.RECEIVED and hukou.committed_due is not None
    assert hukou.events.filter(action=CaseAction.READY).exists()

    for code in ("DEMO-M01", "DEMO-M38", "DEMO-M19", "DEMO-M17", "DEMO-M20"):
        case = Case.objects.get(pk=cases[code].pk)
        _handle(case, officer_of(case))
    every = list(Case.objects.filter(application=newborn_application))
    assert {c.status for c in every} == {CaseStatus.APPROVED}
    assert selectors.combined_status(cases=every).code == "done"
    steps = selectors.plain_timeline(cases=every)
    assert steps[0].text.endswith("已收到您的申请")
    assert not CaseWorkflow.objects.filter(case__application=newborn_application).exists()  # closed: log only
    for case in every:
        seqs = list(case.events.values_list("seq", flat=True))
        assert seqs == list(range(1, len(seqs) + 1))


def test_a_replayed_request_key_tells_nothing_to_an_officer_of_another_department(newborn_cases):
    from onevisit.accounts.models import User
    from onevisit.cases.errors import NotYourDepartment

    birth = newborn_cases["DEMO-M37"]
    officer = officer_of(birth)
    services.case_claim(case=birth, actor=officer, version=birth.version, request_key="claim-1")
    stranger = User.objects.exclude(department=birth.department).filter(username__endswith=".officer").first()
    with pytest.raises(NotYourDepartment):
        services.case_claim(case=birth, actor=stranger, version=birth.version, request_key="claim-1")
    again = services.case_claim(case=birth, actor=officer, version=birth.version, request_key="claim-1")
    assert again.assignee_id == officer.pk and again.events.count() == 2

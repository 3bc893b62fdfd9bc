"""A case whose result is a certificate issues it once, into the holder's wallet, on decision."""

import pytest

from onevisit.cases import services as case_services
from onevisit.cases.models import CaseAction
from onevisit.certificates.identifiers import identifier_is_valid
from onevisit.certificates.models import Certificate, HolderKind
from onevisit.jobs.models import Job, JobStatus
from onevisit.jobs.services import job_run
from onevisit.notifications.models import Notification

from .conftest import APPS_DATABASES, officer_of

pytestmark = pytest.mark.django_db(databases=APPS_DATABASES)


def _approve_birth_certificate(newborn_cases, django_capture_on_commit_callbacks):
    case = newborn_cases["DEMO-M37"]  # 出生医学证明: immediate, decided at acceptance
    with django_capture_on_commit_callbacks(execute=True):
        case = case_services.case_accept(case=case, actor=officer_of(case), version=case.version,
                                         decision="approved")
    return case


def test_approval_queues_one_job_that_issues_the_certificate_once(newborn_cases, django_capture_on_commit_callbacks):
    case = _approve_birth_certificate(newborn_cases, django_capture_on_commit_callbacks)

    job = Job.objects.get(task_name="certificates.issue_for_case")
    assert job.kwargs == {"case_id": case.pk}
    job_run(worker_id="test", job_id=job.pk)

    certificate = Certificate.objects.get(source="case", source_reference=case.reference)
    assert identifier_is_valid(certificate.identifier)
    assert certificate.certificate_type.code == "birth_medical" and certificate.department == case.department
    assert certificate.holder_kind == HolderKind.PERSON and certificate.holder_id == case.applicant.id_number
    assert certificate.status == "valid" and certificate.sd_jwt.count("~") >= 2
    assert Job.objects.get(pk=job.pk).status == JobStatus.SUCCEEDED
    event = case.events.get(action=CaseAction.RESULT_ISSUED)
    assert event.data["certificate"] == certificate.identifier
    assert Notification.objects.filter(recipient=case.applicant, subject__startswith="电子证照已签发").exists()


def test_a_retried_job_does_not_issue_twice(newborn_cases, django_capture_on_commit_callbacks):
    from onevisit.certificates.tasks import issue_for_case

    case = _approve_birth_certificate(newborn_cases, django_capture_on_commit_callbacks)

    first = issue_for_case(case_id=case.pk)
    second = issue_for_case(case_id=case.pk)

    assert first == second
    assert Certificate.objects.filter(source_reference=case.reference).count() == 1
    assert case.events.filter(action=CaseAction.RESULT_ISSUED).count() == 1


def test_a_rejected_case_issues_nothing(newborn_cases, django_capture_on_commit_callbacks):
    case = newborn_cases["DEMO-M37"]
    with django_capture_on_commit_callbacks(execute=True):
        case_services.case_accept(case=case, actor=officer_of(case), version=case.version, decision="rejected",
                                  reason="信息不一致")

    assert not Job.objects.filter(task_name="certificates.issue_for_case").exists()
    assert not Certificate.objects.exists()

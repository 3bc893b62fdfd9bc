"""Acceptance (issue 6): company start-up (DEMO-B01) completes, with officers deciding through the
real services, and the business licence is in the founder's wallet; the restaurant-opening bundle
(DEMO-B05) then uses it as evidence with no upload. A revoked licence would not be used."""

import pytest

from onevisit.applications import selectors as application_selectors
from onevisit.applications import services as application_services
from onevisit.applications.errors import IncompleteApplication
from onevisit.applications.models import EvidenceStatus
from onevisit.applications.requirements import Kind
from onevisit.cases import services as case_services
from onevisit.cases.models import Case, CaseStatus
from onevisit.certificates.models import Certificate
from onevisit.certificates.selectors import wallet_certificates
from onevisit.certificates.status_changes import certificate_status_change
from onevisit.jobs.models import Job, JobStatus
from onevisit.jobs.services import job_run

from .conftest import APPS_DATABASES, officer_of

pytestmark = pytest.mark.django_db(databases=APPS_DATABASES)

PDF = b"%PDF-1.7\n% test\n"
START_UP_FORM = {
    "company_name": "杭州西湖示范餐饮有限公司", "enterprise_type": "有限责任公司",
    "registered_address": "浙江省杭州市西湖区文三路100号", "registered_capital": 100, "business_scope": "餐饮服务",
    "shareholders": [{"name": "李华", "share": 100}], "officers": [{"name": "李华", "role": "执行董事"}],
    "articles_template": True, "seal_set": ["公章", "财务专用章"], "bank_name": "中国工商银行",
    "bank_account": "6222021202000000002", "invoice_needs": "增值税普通发票",
    "bank_appointment_slot": "2026-12-01T09:00:00+08:00"}


def _form_keys(application):
    return [r.key for r in application_selectors.application_requirements(application=application)
            if r.kind == Kind.FORM]


def _start_up(founder):
    application = application_services.application_start(applicant=founder, bundle_code="DEMO-B01")
    application_services.application_prefill(application=application)
    form = {k: v for k, v in START_UP_FORM.items() if k in _form_keys(application)}
    application = application_services.application_save_form(application=application, data=form,
                                                             version=application.version)
    application_services.application_commit(application=application, requirement_key="address_pledge",
                                            signed_name="李华")
    application_services.application_upload(application=application, requirement_key="住所租赁合同", content=PDF,
                                            original_name="lease.pdf")
    application_services.application_confirm_evidence(application=application)
    return application_services.application_submit(application=application)


def _decide(case: Case) -> Case:
    officer = officer_of(case)
    case = case_services.case_claim(case=case, actor=officer, version=case.version)
    if case.immediate:
        return case_services.case_accept(case=case, actor=officer, version=case.version, decision="approved")
    case = case_services.case_accept(case=case, actor=officer, version=case.version)
    case = case_services.case_complete_task(case=case, actor=officer, version=case.version, task="review",
                                            opinion="材料齐全")
    return case_services.case_decide(case=case, actor=officer, version=case.version, decision="approved")


def _run_jobs(task_name):
    for job in Job.objects.filter(task_name=task_name, status=JobStatus.QUEUED):
        job_run(worker_id="test", job_id=job.pk)


@pytest.fixture
def founded(apps_li, django_capture_on_commit_callbacks):
    """李华 founds a company through DEMO-B01; every case is decided by its department's officer."""
    application = _start_up(apps_li)
    with django_capture_on_commit_callbacks(execute=True):
        for _round in range(3):  # the licence first; the matters waiting for it become ready after
            for case in Case.objects.filter(application=application).exclude(
                    status__in=[CaseStatus.APPROVED, CaseStatus.WAITING, CaseStatus.REJECTED, CaseStatus.TERMINATED]):
                _decide(case)
    _run_jobs("certificates.issue_for_case")
    return application


def test_start_up_completes_and_the_licence_is_in_the_founders_wallet(founded, apps_li):
    cases = Case.objects.filter(application=founded)
    assert {c.status for c in cases if c.matter.code != "DEMO-M13"} == {CaseStatus.APPROVED}

    (licence,) = Certificate.objects.filter(certificate_type__code="business_licence")
    assert licence.holder_kind == "enterprise" and licence.holder_user == apps_li
    assert licence.data["name"] == "杭州西湖示范餐饮有限公司" and licence.data["legal_representative"] == "李华"
    enterprise = apps_li.mandates.get().enterprise
    assert enterprise.uscc == licence.holder_id == licence.data["uscc"]
    assert list(wallet_certificates(user=apps_li, enterprise=enterprise)) == [licence]


def test_the_restaurant_bundle_uses_the_licence_with_no_upload(founded, apps_li):
    licence = Certificate.objects.get(certificate_type__code="business_licence")

    restaurant = application_services.application_start(applicant=apps_li, bundle_code="DEMO-B05",
                                                        enterprise_uscc=licence.holder_id)
    application_services.application_prefill(application=restaurant)

    states = {s.requirement.key: s for s in application_selectors.application_state(application=restaurant)}
    evidence = states["business_licence"].evidence
    assert states["business_licence"].requirement.kind == Kind.CERTIFICATE
    assert states["business_licence"].state == "done" and evidence.status == EvidenceStatus.FETCHED
    assert evidence.source == "wallet" and evidence.department == licence.department.name
    assert evidence.display[0]["证照标识"] == licence.identifier
    uploads = [k for k, s in states.items() if s.requirement.kind == Kind.UPLOAD]
    assert "business_licence" not in uploads and "营业执照" not in uploads


def test_a_revoked_licence_is_not_used_and_the_preview_says_why(founded, apps_li, client):
    licence = Certificate.objects.get(certificate_type__code="business_licence")
    certificate_status_change(certificate_id=licence.pk, action="revoked", user=officer_of(licence.case),
                              reason="虚假登记，依法撤销")

    restaurant = application_services.application_start(applicant=apps_li, bundle_code="DEMO-B05",
                                                        enterprise_uscc=licence.holder_id)
    application_services.application_prefill(application=restaurant)

    states = {s.requirement.key: s for s in application_selectors.application_state(application=restaurant)}
    assert states["business_licence"].requirement.kind == Kind.UPLOAD
    assert states["business_licence"].wallet_refusal == "certificate_revoked"
    client.force_login(apps_li)
    page = client.get(f"/my/applications/{restaurant.reference}/evidence/").content.decode()
    assert "已被发证部门撤销" in page


def test_a_licence_revoked_after_it_was_attached_is_refused_at_submission(founded, apps_li):
    licence = Certificate.objects.get(certificate_type__code="business_licence")
    restaurant = application_services.application_start(applicant=apps_li, bundle_code="DEMO-B05",
                                                        enterprise_uscc=licence.holder_id)
    application_services.application_prefill(application=restaurant)
    assert restaurant.evidence.get(requirement_key="business_licence").status == EvidenceStatus.FETCHED

    certificate_status_change(certificate_id=licence.pk, action="revoked", user=officer_of(licence.case),
                              reason="虚假登记，依法撤销")
    with pytest.raises(IncompleteApplication) as incomplete:
        application_services.application_submit(application=restaurant)

    assert "business_licence" in {problem["field"] for problem in incomplete.value.details}
    evidence = restaurant.evidence.get(requirement_key="business_licence")
    assert (evidence.status, evidence.last_error_code) == (EvidenceStatus.REFUSED, "certificate_revoked")
    states = {s.requirement.key: s for s in application_selectors.application_state(application=restaurant)}
    assert states["business_licence"].requirement.kind == Kind.UPLOAD


def test_a_still_valid_licence_is_left_as_attached_at_submission(founded, apps_li):
    licence = Certificate.objects.get(certificate_type__code="business_licence")
    restaurant = application_services.application_start(applicant=apps_li, bundle_code="DEMO-B05",
                                                        enterprise_uscc=licence.holder_id)
    application_services.application_prefill(application=restaurant)
    attached = restaurant.evidence.get(requirement_key="business_licence")

    with pytest.raises(IncompleteApplication) as incomplete:  # the rest of the restaurant form is not filled in
        application_services.application_submit(application=restaurant)

    assert "business_licence" not in {problem["field"] for problem in incomplete.value.details}
    again = restaurant.evidence.get(requirement_key="business_licence")
    assert (again.status, again.attempts, again.retrieved_at) == (EvidenceStatus.FETCHED, attached.attempts,
                                                                   attached.retrieved_at)

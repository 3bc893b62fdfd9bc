"""The applicant follows the cases on the application page: one combined status, each matter,
a plain timeline, the one-time supplement notice answered with a note and a file, and the
decision letter to download; nobody else sees any of it."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from onevisit.cases import services
from onevisit.cases.models import Case, CaseStatus
from onevisit.cases.tasks import decision_document

from .conftest import APPS_DATABASES, officer_of

pytestmark = pytest.mark.django_db(databases=APPS_DATABASES)


def test_the_applicant_answers_a_supplement_notice_and_downloads_the_decision(client, newborn_application,
                                                                              newborn_cases, apps_wang):
    birth = newborn_cases["DEMO-M37"]
    officer = officer_of(birth)
    services.case_request_supplement(case=birth, actor=officer, version=birth.version, items=[
        {"key": "mother_id", "name": "母亲身份证明", "reason": "照片不清晰"},
        {"key": "hospital_record", "name": "住院分娩记录", "reason": "缺少出院小结"}])
    client.force_login(apps_wang)
    url = reverse("portal:application_detail", args=[newborn_application.reference])

    page = client.get(url).content.decode()
    assert 'data-code="supplement"' in page and "待您补正材料" in page
    assert page.count('data-testid="supplement-item"') == 2 and "缺少出院小结" in page
    assert "已收到您的申请" in page

    supply = reverse("portal:case_supply", args=[newborn_application.reference, birth.reference])
    response = client.post(supply, {"answer-mother_id": "已重新拍照", "request_key": "k1"}, follow=True)
    assert "住院分娩记录：尚未补正" in response.content.decode()  # nothing half-accepted
    assert Case.objects.get(pk=birth.pk).status == CaseStatus.SUPPLEMENT

    pdf = SimpleUploadedFile("出院小结.pdf", b"%PDF-1.7\n% summary\n", content_type="application/pdf")
    response = client.post(supply, {"answer-mother_id": "已重新拍照", "file-hospital_record": pdf, "request_key": "k2"})
    assert response.status_code == 302
    birth = Case.objects.get(pk=birth.pk)
    assert birth.status == CaseStatus.RECEIVED
    assert birth.supplements.get().files.get().item_key == "hospital_record"

    birth = services.case_accept(case=birth, actor=officer, version=birth.version, decision="approved")
    decision_document(case_id=birth.pk)
    page = client.get(url).content.decode()
    assert "data-testid=\"decision-download\"" in page
    download = client.get(reverse("portal:case_document", args=[newborn_application.reference, birth.reference]))
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")


def test_another_citizen_sees_nothing_of_the_cases(client, newborn_application, newborn_cases, apps_li):
    client.force_login(apps_li)
    birth = newborn_cases["DEMO-M37"]
    for response in (
        client.get(reverse("portal:application_detail", args=[newborn_application.reference])),
        client.post(reverse("portal:case_supply", args=[newborn_application.reference, birth.reference]), {}),
        client.get(reverse("portal:case_document", args=[newborn_application.reference, birth.reference])),
    ):
        assert response.status_code == 404


def test_my_applications_shows_each_applications_combined_status(client, newborn_application, apps_wang):
    client.force_login(apps_wang)
    page = client.get(reverse("portal:applications")).content.decode()
    assert "已提交，等待受理" in page

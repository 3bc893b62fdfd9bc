"""Department isolation on the case page and its files: the officers of the handling
department read the application's uploads, the supplement files and the decision letter;
anyone else gets "not found", as for a reference that does not exist."""

import hashlib

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from onevisit.applications.models import Upload
from onevisit.cases import services
from onevisit.cases.models import CaseDocument
from onevisit.cases.services.documents import document_number

from .conftest import APPS_DATABASES, officer_of

pytestmark = pytest.mark.django_db(databases=APPS_DATABASES)

PDF = b"%PDF-1.7\n% discharge summary\n"


def _upload(application, key: str = "population.person") -> Upload:
    row = Upload(application=application, requirement_key=key, original_name="出院小结.pdf",
                 content_type="application/pdf", size=len(PDF), sha256=hashlib.sha256(PDF).hexdigest())
    row.file.save("summary.pdf", ContentFile(PDF), save=False)
    row.save()
    return row


def _decision_letter(case) -> CaseDocument:
    """What the decision-letter job stores (its PDF renderer is not on this branch yet)."""
    letter = b"%PDF-1.7\n% decision\n"
    row = CaseDocument(case=case, number=document_number(case), sha256=hashlib.sha256(letter).hexdigest())
    row.file.save("decision.pdf", ContentFile(letter), save=False)
    row.save()
    return row


def _file_url(case, kind: str, pk: int) -> str:
    return reverse("workbench:case_file", args=[case.reference, kind, pk])


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_another_departments_officer_gets_not_found_for_the_case(newborn_cases, as_officer):
    birth = newborn_cases["DEMO-M37"]
    client = as_officer(officer_of(newborn_cases["DEMO-M01"]))  # 西湖区公安分局
    response = client.get(reverse("workbench:case_detail", args=[birth.reference]))
    assert response.status_code == 404 and "未找到该办件" in response.content.decode()
    assert client.get(reverse("workbench:case_detail", args=["APP-NOPE-01"])).status_code == 404
    response = client.post(reverse("workbench:case_act", args=[birth.reference, "claim"]),
                           {"claim-version": birth.version, "claim-request_key": "k"})
    assert response.status_code == 404
    birth.refresh_from_db()
    assert birth.assignee is None


def test_uploads_supplement_files_and_the_decision_letter_for_the_department_only(
        newborn_cases, newborn_application, apps_wang, as_officer):
    birth = newborn_cases["DEMO-M37"]
    officer = officer_of(birth)
    upload = _upload(newborn_application)
    birth = services.case_request_supplement(case=birth, actor=officer, version=birth.version, items=[
        {"key": "hospital_record", "name": "住院分娩记录", "reason": "缺少出院小结"}])
    birth = services.case_supply(case=birth, applicant=apps_wang, answers={"hospital_record": "已补交"},
                                 files={"hospital_record": ("出院小结.pdf", PDF)})
    supplement_file = birth.supplements.get().files.get()
    birth = services.case_accept(case=birth, actor=officer, version=birth.version, decision="approved")
    document = _decision_letter(birth)

    client = as_officer(officer)
    page = client.get(reverse("workbench:case_detail", args=[birth.reference])).content.decode()
    for kind, pk in (("supplement", supplement_file.pk), ("document", document.pk)):
        assert _file_url(birth, kind, pk) in page
    assert "已补交" in page and document.number in page

    response = client.get(_file_url(birth, "upload", upload.pk))
    assert response.status_code == 200 and _body(response) == PDF
    assert response["Content-Type"] == "application/pdf" and "no-store" in response["Cache-Control"]
    response = client.get(_file_url(birth, "supplement", supplement_file.pk))
    assert response.status_code == 200 and _body(response) == PDF
    response = client.get(_file_url(birth, "document", document.pk))
    assert response.status_code == 200 and _body(response).startswith(b"%PDF")

    other = as_officer(officer_of(newborn_cases["DEMO-M01"]))
    for kind, pk in (("upload", upload.pk), ("supplement", supplement_file.pk), ("document", document.pk)):
        response = other.get(_file_url(birth, kind, pk))
        assert response.status_code == 404, kind


def test_a_file_is_only_found_under_its_own_case(newborn_cases, newborn_application, as_officer):
    birth, vaccine = newborn_cases["DEMO-M37"], newborn_cases["DEMO-M38"]  # same department
    officer = officer_of(birth)
    hukou_only = _upload(newborn_application, key="population.hukou")  # needed by 出生登记 only
    assert as_officer(officer).get(_file_url(birth, "upload", hukou_only.pk)).status_code == 404
    assert as_officer(officer_of(newborn_cases["DEMO-M01"])).get(
        _file_url(newborn_cases["DEMO-M01"], "upload", hukou_only.pk)).status_code == 200
    birth = services.case_request_supplement(case=birth, actor=officer, version=birth.version, items=[
        {"key": "x", "name": "住院分娩记录", "reason": "缺少出院小结"}])
    client = as_officer(officer)
    assert client.get(_file_url(vaccine, "document", 1)).status_code == 404
    assert client.get(_file_url(birth, "upload", 999999)).status_code == 404
    assert client.get(_file_url(birth, "nonsense", 1)).status_code == 404


def test_a_citizen_is_sent_to_the_workbench_login(newborn_cases, client, apps_wang):
    birth = newborn_cases["DEMO-M37"]
    client.force_login(apps_wang)
    response = client.get(reverse("workbench:case_detail", args=[birth.reference]))
    assert response.status_code == 302 and response.url.startswith("/workbench/login/")

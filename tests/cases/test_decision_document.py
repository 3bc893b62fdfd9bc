"""A decided case gets its decision letter as a PDF with Chinese text a machine can read."""

import io

import pytest
from pypdf import PdfReader

from onevisit.cases import services
from onevisit.cases.models import Case, CaseAction, CaseDocument, CaseStatus
from onevisit.cases.tasks import decision_document

from .conftest import APPS_DATABASES, officer_of

pytestmark = pytest.mark.django_db(databases=APPS_DATABASES)


def test_a_rejected_case_gets_a_decision_pdf_naming_the_reason_once(newborn_cases):
    case = newborn_cases["DEMO-M37"]  # 出生医学证明: immediate, decided at acceptance
    officer = officer_of(case)
    case = services.case_accept(case=case, actor=officer, version=case.version, decision="rejected",
                                reason="出生医学证明信息与医院记录不一致")

    assert decision_document(case_id=case.pk) == decision_document(case_id=case.pk)  # a second run changes nothing

    document = CaseDocument.objects.get(case=case)
    text = PdfReader(io.BytesIO(document.file.read())).pages[0].extract_text()
    assert "不予" in text and "出生医学证明信息与医院记录不一致" in text and case.applicant.full_name in text
    assert case.events.filter(action=CaseAction.DOCUMENT_READY).count() == 1
    hukou = Case.objects.get(pk=newborn_cases["DEMO-M01"].pk)  # it needed the birth certificate
    assert hukou.status == CaseStatus.TERMINATED and hukou.decided_at is not None

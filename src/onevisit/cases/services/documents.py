"""The decision letter of a decided case, rendered to PDF once (a job; safe to run twice)."""

from __future__ import annotations

import hashlib

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction

from onevisit.cases.models import Case, CaseAction, CaseDocument, CaseStatus


def document_number(case: Case) -> str:
    """``<department code>〔<year>〕<case id>号``: unique, and readable on paper."""
    year = (case.decided_at or case.opened_at).year
    return f"{case.department.code}〔{year}〕{case.pk:06d}号"


def decision_document_make(*, case_id: int) -> CaseDocument | None:
    from onevisit.cases.services.transition import append_event
    from onevisit.documents.decision import DecisionDocument, render_decision_pdf

    case = Case.objects.select_related("matter", "department", "applicant", "enterprise", "application",
                                       "decided_by").get(pk=case_id)
    if case.status not in (CaseStatus.APPROVED, CaseStatus.REJECTED):
        return None
    existing = case.documents.filter(kind="decision").first()
    if existing is not None:
        return existing
    number = document_number(case)
    doc = DecisionDocument(
        number=number, case_reference=case.reference, application_reference=case.application.reference,
        matter_code=case.matter.code, matter_name=case.matter.name, department_name=case.department.name,
        department_code=case.department.code, applicant_name=case.applicant.full_name,
        applicant_id_masked=case.applicant.masked_id_number,
        enterprise_name=case.enterprise.name if case.enterprise_id else None,
        outcome="approved" if case.status == CaseStatus.APPROVED else "rejected",
        reason=case.decision_reason, legal_basis=case.matter.legal_basis[:500],
        result_name=case.matter.result_name, certificate_type_code=(
            case.matter.result_certificate.code if case.matter.result_certificate_id else None),
        delivery_method=case.delivery or "electronic",
        decided_by=case.decided_by.full_name if case.decided_by else "", decided_at=case.decided_at,
        submitted_at=case.application.submitted_at, accepted_at=case.accepted_at, verify_url=None)
    pdf = render_decision_pdf(doc)
    digest = hashlib.sha256(pdf).hexdigest()
    try:
        with transaction.atomic():
            row = CaseDocument(case=case, kind="decision", number=number, sha256=digest)
            row.file.save(f"decision-{digest[:16]}.pdf", ContentFile(pdf), save=False)
            row.save()
            append_event(case, action=CaseAction.DOCUMENT_READY, data={"number": number, "sha256": digest})
    except IntegrityError:  # another run stored it first
        return case.documents.filter(kind="decision").first()
    return row

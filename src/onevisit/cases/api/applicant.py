"""Applicant side: the combined status, every case, the plain timeline and open supplement
notices of one of my applications; answering a supplement notice (multipart)."""

from __future__ import annotations

import json
from typing import Annotated

from django.utils.translation import gettext as _
from ninja import Field, Form, Header, Router

from onevisit.api.auth import session_or_token
from onevisit.api.errors import ErrorOut
from onevisit.applications import selectors as application_selectors
from onevisit.applications.errors import NotACitizen
from onevisit.cases import selectors, services
from onevisit.cases.api import schemas as s
from onevisit.cases.api.serialize import supplement_out
from onevisit.cases.api.staff import router as cases_router
from onevisit.cases.models import CaseStatus
from onevisit.core.errors import ValidationFailed

router = Router(tags=["cases"])
ApplicationReference = Annotated[str, Field(max_length=32, pattern=r"^APP-\d{8}-[0-9A-Z]{6}$",
                                            examples=["APP-20261122-7KQ2M9"])]
MAX_UPLOAD_BYTES = 10 * 1024 * 1024


def _citizen(request):
    if not getattr(request.user, "is_citizen", False):
        raise NotACitizen()
    return request.user


@router.get("/{reference}/cases", response=s.ApplicationCasesOut, auth=session_or_token,
            summary="My application's cases: one combined status, each case, a plain timeline, supplement notices")
def application_cases(request, reference: ApplicationReference):
    applicant = _citizen(request)
    application = application_selectors.application_get(reference=reference, applicant=applicant)
    cases = selectors.application_cases(application=application)
    combined = selectors.combined_status(cases=cases)
    return {
        "combined_status": {"code": combined.code, "label": combined.label, "done": combined.done,
                            "total": combined.total},
        "cases": [{"reference": c.reference, "matter_code": c.matter.code, "matter_name": c.matter.name,
                   "department": c.department.name, "status": c.status,
                   "status_label": str(CaseStatus(c.status).label), "committed_due": c.committed_due,
                   "decided_at": c.decided_at} for c in cases],
        "timeline": [step.__dict__ for step in selectors.plain_timeline(cases=cases)],
        "supplements": [supplement_out(n) for n in selectors.open_supplements_for(applicant=applicant, cases=cases)],
    }


def _answers(text: str) -> dict[str, str]:
    try:
        answers = json.loads(text or "{}")
    except json.JSONDecodeError:
        answers = None
    if not isinstance(answers, dict) or not all(isinstance(v, str) and "\x00" not in v for v in answers.values()):
        raise ValidationFailed.for_field("answers", _("请按补正事项填写文字说明"))
    return answers


@cases_router.post("/{reference}/supply", response={200: s.ApplicantCaseOut, 409: ErrorOut}, auth=session_or_token,
                   summary="Answer the open supplement notice (applicant only)",
                   description="multipart/form-data: `answers` is a JSON object of item key → text; each file goes "
                               "in a part named after its item key (PDF, JPG or PNG, up to 10 MB).")
def supply(request, reference: s.CaseReference, answers: Form[str] = "{}",
           idempotency_key: Annotated[str | None, Header(alias="Idempotency-Key", max_length=64)] = None):
    applicant = _citizen(request)
    case = selectors.case_of_applicant(applicant=applicant, reference=reference)
    files = {}
    for key, upload in request.FILES.items():
        if upload.size is not None and upload.size > MAX_UPLOAD_BYTES:
            raise ValidationFailed.for_field(key, _("文件过大"))
        files[key] = (upload.name or "upload", upload.read())
    case = services.case_supply(case=case, applicant=applicant, answers=_answers(answers), files=files,
                                request_key=idempotency_key)
    return {"reference": case.reference, "matter_code": case.matter.code, "matter_name": case.matter.name,
            "department": case.department.name, "status": case.status,
            "status_label": str(CaseStatus(case.status).label), "committed_due": case.committed_due,
            "decided_at": case.decided_at}

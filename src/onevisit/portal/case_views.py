"""Portal: how the applicant follows the cases behind an application — one combined status,
each matter's state, a plain timeline, the one-time supplement notice with its answer form,
and the decision letters to download."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from onevisit.accounts.decorators import citizen_required
from onevisit.applications import selectors as application_selectors
from onevisit.cases import selectors
from onevisit.cases.models import Case, CaseDocument
from onevisit.cases.services import case_supply
from onevisit.core.errors import DomainError, NotFound
from onevisit.portal.application_views import flash_error

MAX_UPLOAD = 10 * 1024 * 1024


def case_context(*, application, user) -> dict:
    """What the application page shows about its cases."""
    cases = selectors.application_cases(application=application)
    documents = {d.case_id: d for d in CaseDocument.objects.filter(case__in=cases, kind="decision")}
    return {
        "cases": [{"case": c, "document": documents.get(c.pk), "warning": selectors.case_warning(c)} for c in cases],
        "combined": selectors.combined_status(cases=cases),
        "timeline": selectors.plain_timeline(cases=cases),
        "supplements": selectors.open_supplements_for(applicant=user, cases=cases),
    }


def _case_of(request, reference: str, case_reference: str) -> Case:
    try:
        application = application_selectors.application_get(reference=reference, applicant=request.user)
    except NotFound:
        raise Http404 from None
    case = application.cases.select_related("matter").filter(reference=case_reference).first()
    if case is None:
        raise Http404
    return case


@citizen_required
@require_POST
def supply(request, reference: str, case_reference: str):
    case = _case_of(request, reference, case_reference)
    answers, files = {}, {}
    for name, value in request.POST.items():
        if name.startswith("answer-"):
            answers[name.removeprefix("answer-")] = value
    for name, upload in request.FILES.items():
        if name.startswith("file-"):
            if upload.size > MAX_UPLOAD:
                messages.error(request, _("文件不能超过 10 MB：%(name)s") % {"name": upload.name})
                return redirect("portal:application_detail", reference)
            files[name.removeprefix("file-")] = (upload.name, upload.read())
    try:
        case_supply(case=case, applicant=request.user, answers=answers, files=files,
                    request_key=request.POST.get("request_key") or None)
    except DomainError as error:
        flash_error(request, error)
        return redirect("portal:application_detail", reference)
    messages.success(request, _("补正材料已提交，办理继续进行。"))
    return redirect("portal:application_detail", reference)


@citizen_required
def document(request, reference: str, case_reference: str):
    case = _case_of(request, reference, case_reference)
    row = case.documents.filter(kind="decision").first()
    if row is None:
        raise Http404
    return FileResponse(row.file.open("rb"), as_attachment=True, filename=f"{case.reference}-decision.pdf",
                        content_type="application/pdf")

"""Portal: apply once (一次申请) — start, evidence preview, the remaining form fields, uploads and
commitments, review and submit; the citizen's own applications.

Every step is a plain page with a form (phone first, works without JavaScript). The work is done
by ``applications.services``; these views turn typed errors into messages on the page.
"""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from onevisit.accounts.decorators import citizen_required
from onevisit.applications import selectors
from onevisit.applications.models import ApplicationStatus
from onevisit.applications.requirements import EVIDENCE_KINDS, Kind
from onevisit.applications.services.form import application_save_form
from onevisit.applications.services.materials import (
    application_commit,
    application_confirm_evidence,
    application_supply_later,
    application_upload,
    commitment_text,
)
from onevisit.applications.services.prefill import application_prefill
from onevisit.applications.services.start import application_start
from onevisit.applications.services.submission import application_submit
from onevisit.catalogue import selectors as catalogue_selectors
from onevisit.core.errors import DomainError, NotFound
from onevisit.portal.application_forms import (
    FormFieldView,
    evidence_cards,
    form_field_views,
    values_from_post,
)

PAGE_SIZE = 20
STEPS = [
    ("evidence", "portal:application_evidence", "核对共享数据"),
    ("form", "portal:application_form", "填写信息"),
    ("materials", "portal:application_materials", "材料与承诺"),
    ("review", "portal:application_review", "核对提交"),
]


def _mine(request, reference: str):
    try:
        return selectors.application_get(reference=reference, applicant=request.user)
    except NotFound:
        raise Http404 from None


def flash_error(request, error: DomainError) -> None:
    details = error.details if isinstance(error.details, list) else []
    lines = [d.get("message", "") for d in details if isinstance(d, dict) and d.get("message")]
    messages.error(request, " ".join([str(error.message), *lines]))


def _steps(current: str, application) -> list[dict]:
    return [{"key": key, "url": reverse(url, args=[application.reference]), "label": _(label),
             "current": key == current} for key, url, label in STEPS]


def _draft_or_detail(request, application):
    if application.status != ApplicationStatus.DRAFT:
        return redirect("portal:application_detail", application.reference)
    return None


@citizen_required
@require_POST
def start(request, kind: str, code: str):
    """Open a draft for a matter or a bundle and ask the registries at once (prefill)."""
    if kind not in ("matter", "bundle"):
        raise Http404
    guide = reverse("portal:matter_guide" if kind == "matter" else "portal:bundle_guide", args=[code])
    try:
        application = application_start(
            applicant=request.user, matter_code=code if kind == "matter" else None,
            bundle_code=code if kind == "bundle" else None,
            enterprise_uscc=request.POST.get("enterprise") or None, channel=_channel(request),
        )
    except DomainError as error:
        flash_error(request, error)
        return redirect(guide)
    # Outside any transaction: each registry call writes its own access-log row.
    application_prefill(application=application)
    return redirect("portal:application_evidence", application.reference)


def _channel(request) -> str:
    agent = request.headers.get("User-Agent", "")
    return "mobile" if any(word in agent for word in ("Mobile", "Android", "iPhone")) else "web"


@citizen_required
@require_http_methods(["GET", "POST"])
def evidence(request, reference: str):
    """What the registries said, from which department, when; the applicant confirms it."""
    application = _mine(request, reference)
    if (done := _draft_or_detail(request, application)) is not None:
        return done
    if request.method == "POST":
        if request.POST.get("action") == "refresh":
            application_prefill(application=application)
            return redirect("portal:application_evidence", reference)
        try:
            application_confirm_evidence(application=application)
        except DomainError as error:
            flash_error(request, error)
            return redirect("portal:application_evidence", reference)
        return redirect("portal:application_form", reference)
    states = selectors.application_state(application=application)
    rows = [s for s in states if s.requirement.kind in EVIDENCE_KINDS or s.wallet_refusal]
    cards = evidence_cards(rows)
    producers = catalogue_selectors.matter_names(codes=[s.requirement.produced_by for s in rows])
    return render(request, "portal/applications/evidence.html", {
        "application": application, "steps": _steps("evidence", application), "cards": cards,
        "producers": producers,
        "pending": any(s.how == "pending" for s in rows),
    })


@citizen_required
@require_http_methods(["GET", "POST"])
def form(request, reference: str):
    """Only the fields no department could supply, each checked on the server."""
    application = _mine(request, reference)
    if (done := _draft_or_detail(request, application)) is not None:
        return done
    states = [s for s in selectors.application_state(application=application) if s.requirement.kind == Kind.FORM]
    keys = [s.requirement.key for s in states]
    errors: dict[str, list[str]] = {}
    posted: dict | None = None
    if request.method == "POST":
        posted, errors = values_from_post(request.POST, keys=keys)
        if not errors:
            try:
                application_save_form(application=application, data=posted,
                                      version=int(request.POST.get("version", "0") or 0))
            except DomainError as error:
                details = error.details if isinstance(error.details, list) else []
                for d in details:
                    if isinstance(d, dict) and d.get("field"):
                        errors.setdefault(d["field"], []).append(d.get("message", ""))
                if not errors:
                    flash_error(request, error)
                    return redirect("portal:application_form", reference)
            else:
                return redirect("portal:application_materials", reference)
    fields: list[FormFieldView] = form_field_views(states, values=posted or application.form_data, errors=errors)
    return render(request, "portal/applications/form.html", {
        "application": application, "steps": _steps("form", application), "fields": fields,
    }, status=422 if errors else 200)


@citizen_required
@require_http_methods(["GET", "POST"])
def materials(request, reference: str):
    """Uploads only where no department holds the material; commitments where the law allows."""
    application = _mine(request, reference)
    if (done := _draft_or_detail(request, application)) is not None:
        return done
    if request.method == "POST":
        key = request.POST.get("requirement", "")
        action = request.POST.get("action")
        try:
            if action == "upload":
                file = request.FILES.get("file")
                if file is None:
                    messages.error(request, _("请选择要上传的文件。"))
                    return redirect("portal:application_materials", reference)
                application_upload(application=application, requirement_key=key, content=file.read(),
                                   original_name=file.name)
                messages.success(request, _("已上传。"))
            elif action == "commit":
                application_commit(application=application, requirement_key=key,
                                   signed_name=request.POST.get("signed_name", ""))
                messages.success(request, _("已签署承诺。"))
            elif action == "later":
                application_supply_later(application=application, requirement_key=key)
                messages.success(request, _("已选择容缺后补，请在受理后按通知补交。"))
        except DomainError as error:
            flash_error(request, error)
        return redirect("portal:application_materials", reference)
    states = [s for s in selectors.application_state(application=application)
              if s.requirement.kind in (Kind.UPLOAD, Kind.ORIGINAL)]
    commitments = {s.requirement.key: commitment_text(application=application, requirement=s.requirement)
                   for s in states if s.requirement.waivable_by_commitment}
    return render(request, "portal/applications/materials.html", {
        "application": application, "steps": _steps("materials", application), "rows": states,
        "commitments": commitments,
    })


@citizen_required
@require_http_methods(["GET", "POST"])
def review(request, reference: str):
    """Everything at a glance; one submit. A double click or a retried request submits once."""
    application = _mine(request, reference)
    if request.method == "POST":
        try:
            application = application_submit(application=application,
                                             idempotency_key=request.POST.get("idempotency_key") or None)
        except DomainError as error:
            flash_error(request, error)
            return redirect("portal:application_review", reference)
        messages.success(request, _("申请已提交，办理进度可在“我的申请”中查看。"))
        return redirect("portal:application_detail", application.reference)
    if (done := _draft_or_detail(request, application)) is not None:
        return done
    states = selectors.application_state(application=application)
    return render(request, "portal/applications/review.html", {
        "application": application, "steps": _steps("review", application), "rows": states,
        "missing": [s for s in states if s.state == "to_do"],
        "confirmed": application.evidence_confirmed_at is not None,
        "idempotency_key": uuid.uuid4().hex,
    })


@citizen_required
def detail(request, reference: str):
    application = _mine(request, reference)
    if application.status == ApplicationStatus.DRAFT:
        return redirect("portal:application_review", reference)
    from onevisit.portal.case_views import case_context

    return render(request, "portal/applications/detail.html", {
        "application": application, "matters": application.matters.select_related("matter").all(),
        "summary": application.material_summary, "request_key": uuid.uuid4().hex,
        "visit_count": selectors.visit_count(application),
        **case_context(application=application, user=request.user),
    })


@citizen_required
def mine(request):
    applications = selectors.applications_of(applicant=request.user).select_related("matter", "bundle")
    page = Paginator(applications, PAGE_SIZE).get_page(request.GET.get("page"))
    from onevisit.cases.selectors import combined_statuses

    statuses = combined_statuses(applications=list(page.object_list))
    for application in page.object_list:
        application.combined = statuses.get(application.pk)
    return render(request, "portal/applications/list.html", {"page": page})


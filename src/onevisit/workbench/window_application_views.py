"""Workbench: one application at the window — the portal's steps on one page for the clerk
(evidence confirmed with the visitor, the remaining form fields, uploads, commitments and the
originals checklist, then one submit), and after submission its cases and recorded visits.

Each section posts an ``action`` here; the services do the work and the same rules apply as
online. A draft the citizen started online is shown but not edited here.
"""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from onevisit.applications import selectors
from onevisit.applications.models import ApplicationStatus, Channel
from onevisit.applications.requirements import EVIDENCE_KINDS, Kind
from onevisit.applications.services import window
from onevisit.applications.services.form import application_save_form
from onevisit.applications.services.materials import (
    application_commit,
    application_confirm_evidence,
    application_supply_later,
    application_upload,
    commitment_text,
)
from onevisit.applications.services.prefill import application_prefill
from onevisit.core.errors import DomainError, NotFound
from onevisit.portal.application_forms import evidence_cards, form_field_views, values_from_post
from onevisit.workbench.window_forms import VisitForm
from onevisit.workbench.window_views import window_clerk_required


def _error(request, error: DomainError) -> None:
    details = error.details if isinstance(error.details, list) else []
    lines = [d.get("message", "") for d in details if isinstance(d, dict) and d.get("message")]
    messages.error(request, " ".join([str(error.message), *lines]))


def _form_step(request, application) -> dict[str, list[str]]:
    """Save the posted form fields; field errors come back to show beside the inputs."""
    keys = [r.key for r in selectors.application_requirements(application=application) if r.kind == Kind.FORM]
    posted, errors = values_from_post(request.POST, keys=keys)
    if errors:
        return {**errors, "__posted__": posted}
    try:
        application_save_form(application=application, data=posted,
                              version=int(request.POST.get("version", "0") or 0))
    except DomainError as error:
        details = error.details if isinstance(error.details, list) else []
        for d in details:
            if isinstance(d, dict) and d.get("field") in keys:
                errors.setdefault(d["field"], []).append(d.get("message", ""))
        if not errors:
            _error(request, error)
            return {}
        return {**errors, "__posted__": posted}
    messages.success(request, _("表单已保存。"))
    return {}


def _act(request, application, action: str) -> None:
    """One step posted by the clerk; a DomainError becomes a message on the page."""
    key = request.POST.get("requirement", "")
    clerk = request.user
    if action == "refresh":
        application_prefill(application=application)
    elif action == "confirm":
        application_confirm_evidence(application=application)
        messages.success(request, _("来访人已确认共享数据。"))
    elif action == "upload":
        file = request.FILES.get("file")
        if file is None:
            messages.error(request, _("请选择要上传的文件。"))
            return
        application_upload(application=application, requirement_key=key, content=file.read(), original_name=file.name)
        messages.success(request, _("已上传。"))
    elif action == "commit":
        application_commit(application=application, requirement_key=key,
                           signed_name=request.POST.get("signed_name", ""))
        messages.success(request, _("已签署承诺。"))
    elif action == "later":
        application_supply_later(application=application, requirement_key=key)
        messages.success(request, _("已选择容缺后补。"))
    elif action == "originals":
        window.window_record_originals(clerk=clerk, application=application,
                                       checked_keys=request.POST.getlist("original"))
        messages.success(request, _("原件核验已记录。"))
    elif action == "submit":
        window.window_submit(clerk=clerk, application=application,
                             idempotency_key=request.POST.get("idempotency_key") or None)
        messages.success(request, _("申请已提交，已记录本次到现场。"))
    elif action == "visit":
        form = VisitForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("请选择到访事由"))
            return
        window.window_record_visit(clerk=clerk, application=application, **form.cleaned_data)
        messages.success(request, _("已记录本次到现场。"))


@window_clerk_required
@require_http_methods(["GET", "POST"])
def window_application(request, reference: str):
    try:
        application = selectors.application_get(reference=reference)
    except NotFound:
        raise Http404 from None
    editable = application.status == ApplicationStatus.DRAFT and application.channel == Channel.WINDOW
    form_errors: dict = {}
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "form" and editable:
                form_errors = _form_step(request, application)
            elif action in ("visit", "submit") or editable:
                _act(request, application, action)
        except DomainError as error:
            _error(request, error)
        if not form_errors:
            return redirect("workbench:window_application", reference)
        application.refresh_from_db()
    return render(request, "workbench/window/application.html",
                  _context(request, application, editable=editable, form_errors=form_errors),
                  status=422 if form_errors else 200)


def _context(request, application, *, editable: bool, form_errors: dict) -> dict:
    context = {"application": application, "editable": editable, "visit_form": VisitForm(),
               "visits": selectors.visits_of(application=application),
               "visit_count": selectors.visit_count(application)}
    if application.status != ApplicationStatus.DRAFT:
        from onevisit.cases.selectors import application_cases, combined_status

        cases = application_cases(application=application)
        return {**context, "cases": cases, "combined": combined_status(cases=cases) if cases else None}
    states = selectors.application_state(application=application)
    posted = form_errors.pop("__posted__", None)
    form_states = [s for s in states if s.requirement.kind == Kind.FORM]
    materials = [s for s in states if s.requirement.kind == Kind.UPLOAD]
    return {
        **context, "rows": states,
        "cards": evidence_cards([s for s in states if s.requirement.kind in EVIDENCE_KINDS or s.wallet_refusal]),
        "pending": any(s.how == "pending" for s in states),
        "fields": form_field_views(form_states, values=posted or application.form_data, errors=form_errors),
        "materials": materials,
        "commitments": {s.requirement.key: commitment_text(application=application, requirement=s.requirement)
                        for s in materials if s.requirement.waivable_by_commitment},
        "originals": selectors.originals_checklist(application=application),
        "missing": [s for s in states if s.state == "to_do"],
        "confirmed": application.evidence_confirmed_at is not None,
        "idempotency_key": uuid.uuid4().hex,
    }

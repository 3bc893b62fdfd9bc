"""Workbench: the one window (一窗受理) — find the visitor by ID number (or open an account for
them), see their applications with the visits each took, start an application for them.

The steps of an application at the window are in ``window_application_views``. The work is done
by ``applications.services.window``; these views only map requests and errors.
"""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from onevisit.accounts.decorators import officer_required
from onevisit.applications import selectors
from onevisit.applications.services import window
from onevisit.catalogue import selectors as catalogue_selectors
from onevisit.core.errors import DomainError, PermissionDenied, ValidationFailed
from onevisit.workbench.errors import render_domain_error
from onevisit.workbench.window_forms import StartForm, VisitorRegisterForm, VisitorSearchForm

SEARCH_LIMIT = 10


def window_clerk_required(view):
    """Logged-in staff (else the login page) holding the window-clerk role (else 403)."""

    @officer_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            window.window_clerk_check(request.user)
        except PermissionDenied as error:
            return render_domain_error(request, error)
        return view(request, *args, **kwargs)

    return wrapper


def field_errors(form, error: DomainError) -> None:
    """Put a domain error on the form: on the field it names when the form has it."""
    details = error.details if isinstance(error.details, list) else []
    placed = False
    for d in details:
        if isinstance(d, dict) and d.get("field") in form.fields:
            form.add_error(d["field"], d.get("message", ""))
            placed = True
    if not placed:
        form.add_error(None, str(error.message))


def _visitor(request, id_number: str):
    try:
        visitor = window.window_find_visitor(clerk=request.user, id_number=id_number)
    except ValidationFailed:
        raise Http404 from None
    if visitor is None:
        raise Http404
    return visitor


@window_clerk_required
@require_http_methods(["GET", "POST"])
def window_home(request):
    """Search by ID number (POST: the number stays out of query strings and access logs)."""
    form = VisitorSearchForm(request.POST or None)
    register = None
    if request.method == "POST" and form.is_valid():
        try:
            visitor = window.window_find_visitor(clerk=request.user, id_number=form.cleaned_data["id_number"])
        except ValidationFailed as error:
            field_errors(form, error)
        else:
            if visitor is not None:
                return redirect("workbench:window_visitor", visitor.id_number)
            number = form.cleaned_data["id_number"].strip().upper()
            register = VisitorRegisterForm(initial={"id_number": number})
    return render(request, "workbench/window/home.html", {"form": form, "register": register},
                  status=422 if form.errors else 200)


@window_clerk_required
@require_POST
def window_register(request):
    """Open an account for a visitor without one (identity checked at the counter)."""
    register = VisitorRegisterForm(request.POST)
    if register.is_valid():
        try:
            visitor = window.window_register_visitor(clerk=request.user, **register.cleaned_data)
        except DomainError as error:
            field_errors(register, error)
        else:
            messages.success(request, _("已为来访人开通账号。"))
            return redirect("workbench:window_visitor", visitor.id_number)
    form = VisitorSearchForm(initial={"id_number": request.POST.get("id_number", "")})
    return render(request, "workbench/window/home.html", {"form": form, "register": register}, status=422)


@window_clerk_required
def window_visitor(request, id_number: str):
    """The visitor, their applications with the visits each took, and what to start for them."""
    visitor = _visitor(request, id_number)
    q = (request.GET.get("q") or "").strip()
    matters = list(catalogue_selectors.matters_search(q=q)[:SEARCH_LIMIT]) if q else []
    bundles = list(catalogue_selectors.bundles_list(q=q)[:SEARCH_LIMIT]) if q else []
    return render(request, "workbench/window/visitor.html", {
        "visitor": visitor, "applications": selectors.applications_with_visit_counts(applicant=visitor)[:50],
        "q": q, "matters": matters, "bundles": bundles, "start_form": StartForm(),
    })


@window_clerk_required
@require_POST
def window_start(request, id_number: str):
    visitor = _visitor(request, id_number)
    form = StartForm(request.POST)
    if form.is_valid():
        code = form.cleaned_data["code"].strip().upper()
        kind = form.cleaned_data["kind"]
        try:
            application = window.window_start(
                clerk=request.user, visitor=visitor, matter_code=code if kind == "matter" else None,
                bundle_code=code if kind == "bundle" else None,
                enterprise_uscc=form.cleaned_data["enterprise_uscc"] or None)
        except DomainError as error:
            messages.error(request, str(error.message))
        else:
            return redirect("workbench:window_application", application.reference)
    else:
        messages.error(request, _("请选择一个事项或一件事"))
    return redirect("workbench:window_visitor", visitor.id_number)

"""Workbench verifier (证照核验): staff check a presentation; every check is recorded with who and when."""

from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from onevisit.accounts.decorators import officer_required
from onevisit.certificates import verifying
from onevisit.certificates.models import VerificationChannel
from onevisit.certificates.presenting import public_verifier_aud
from onevisit.certificates.qr import qr_svg
from onevisit.certificates.verifier_selectors import verifications_of
from onevisit.certificates.verifier_views import result_context
from onevisit.certificates.verify_forms import PresentationForm, VerifierRequestForm
from onevisit.certificates.verify_views import holder_link
from onevisit.core.errors import DomainError
from onevisit.workbench.errors import render_domain_error


def _verify(request, form, code=None) -> dict:
    outcome = verifying.presentation_verify(
        presentation=form.cleaned_data["presentation"], request_code=code, channel=VerificationChannel.WORKBENCH,
        verified_by=request.user, department=request.user.department,
    )
    return result_context(outcome)


def department_aud(department) -> str:
    """A department verifier's audience: our verifier, qualified by the department's code."""
    return f"{public_verifier_aud()}#{department.code}" if department else public_verifier_aud()


@officer_required
@require_http_methods(["GET", "POST"])
def verify_home(request):
    form = PresentationForm(request.POST or None)
    context = {"form": form, "request_form": VerifierRequestForm(),
               "verifications": verifications_of(department=request.user.department)[:50]}
    if request.method == "POST" and form.is_valid():
        context.update(_verify(request, form))
    return render(request, "workbench/verify.html", context)


@officer_required
@require_POST
def verify_request_new(request):
    form = VerifierRequestForm(request.POST)
    if not form.is_valid():
        return redirect("workbench:verify")
    department = request.user.department
    made = verifying.verifier_request_create(
        aud=department_aud(department), department=department, created_by=request.user, **form.cleaned_data)
    return redirect("workbench:verify_request", code=made.code)


@officer_required
@require_http_methods(["GET", "POST"])
def verify_request(request, code: str):
    try:
        verifier_request = verifying.verifier_request_get(code=code)
    except DomainError as exc:
        return render_domain_error(request, exc)
    form = PresentationForm(request.POST or None)
    context = {"verifier_request": verifier_request, "form": form, "link": holder_link(verifier_request.code),
               "qr": qr_svg(holder_link(verifier_request.code)), "request_form": VerifierRequestForm(),
               "verifications": verifications_of(department=request.user.department)[:50]}
    if request.method == "POST" and form.is_valid():
        context.update(_verify(request, form, verifier_request.code))
    return render(request, "workbench/verify.html", context)

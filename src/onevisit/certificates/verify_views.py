"""The public verifier (/verify/, no login): make a request, check a presentation, see the result."""

from django.conf import settings
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from onevisit.certificates import selectors, verifying
from onevisit.certificates.models import VerificationChannel
from onevisit.certificates.presenting import public_verifier_aud
from onevisit.certificates.qr import qr_svg
from onevisit.certificates.verifier_throttle import verifier_throttle
from onevisit.certificates.verifier_views import result_context
from onevisit.certificates.verify_forms import PresentationForm, VerifierRequestForm
from onevisit.core.errors import DomainError, RateLimited


def holder_link(code: str) -> str:
    """What the request QR holds: the wallet page that shows a certificate to this request."""
    return f"{settings.ONEVISIT_PUBLIC_URL}{reverse('portal:wallet_show_to')}?request={code}"


def _over_budget(request, scope: str) -> RateLimited | None:
    """The 429 to show when an anonymous client is over its budget (``verifier_throttle``)."""
    try:
        verifier_throttle(request, scope)
    except RateLimited as exc:
        return exc
    return None


@require_http_methods(["GET", "POST"])
def home(request):
    """Paste a presentation made for anyone (its nonce names the request). ``?id=`` is what a
    printed certificate's QR code opens: that certificate's current status, no personal data."""
    form = PresentationForm(request.POST or None)
    context = {"form": form, "request_form": VerifierRequestForm()}
    printed_id = request.GET.get("id", "").strip()[:128]
    if printed_id:
        printed = selectors.printed_certificate_status(identifier=printed_id)
        expired = bool(printed and printed.valid_until and printed.valid_until < timezone.localdate())
        context.update(printed_id=printed_id, printed=printed, printed_usable=bool(printed and printed.is_valid and not expired),
                       printed_expired=expired)
    if request.method == "POST" and form.is_valid():
        if throttled := _over_budget(request, "verify"):
            return render(request, "certificates/verify/home.html", {**context, "throttled": throttled},
                          status=throttled.status)
        outcome = verifying.presentation_verify(presentation=form.cleaned_data["presentation"],
                                                channel=VerificationChannel.PUBLIC)
        context.update(result_context(outcome))
    return render(request, "certificates/verify/home.html", context, status=200)


@require_POST
def request_new(request):
    form = VerifierRequestForm(request.POST)
    if not form.is_valid():
        return render(request, "certificates/verify/home.html",
                      {"form": PresentationForm(), "request_form": form}, status=422)
    if throttled := _over_budget(request, "request"):
        return render(request, "certificates/verify/home.html",
                      {"form": PresentationForm(), "request_form": form, "throttled": throttled},
                      status=throttled.status)
    made = verifying.verifier_request_create(aud=public_verifier_aud(), **form.cleaned_data)
    return redirect("verify:request", code=made.code)


@require_http_methods(["GET", "POST"])
def request_detail(request, code: str):
    """The request's code and QR for the holder, and the box to check what the holder shows."""
    try:
        verifier_request = verifying.verifier_request_get(code=code)
    except DomainError as exc:
        return render(request, "certificates/verify/not_found.html", {"error": exc}, status=exc.status)
    form = PresentationForm(request.POST or None)
    context = {"verifier_request": verifier_request, "form": form, "link": holder_link(verifier_request.code),
               "qr": qr_svg(holder_link(verifier_request.code))}
    if request.method == "POST" and form.is_valid():
        if throttled := _over_budget(request, "verify"):
            return render(request, "certificates/verify/request.html", {**context, "throttled": throttled},
                          status=throttled.status)
        outcome = verifying.presentation_verify(presentation=form.cleaned_data["presentation"],
                                                request_code=verifier_request.code,
                                                channel=VerificationChannel.PUBLIC)
        context.update(result_context(outcome))
    return render(request, "certificates/verify/request.html", context)

"""Portal: show a wallet certificate (亮证) — pick fields, bind to a verifier request, get a QR."""

from django import forms
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from onevisit.accounts.decorators import citizen_required
from onevisit.certificates import selectors as certificate_selectors
from onevisit.certificates.presenting import certificate_present
from onevisit.certificates.qr import qr_svg
from onevisit.certificates.sd_jwt_parts import disclosable_fields
from onevisit.certificates.verifying import verifier_request_open
from onevisit.core.errors import DomainError
from onevisit.portal.application_views import flash_error


class ShowForm(forms.Form):
    fields = forms.MultipleChoiceField(label=_("出示哪些信息"), required=False,
                                       widget=forms.CheckboxSelectMultiple,
                                       help_text=_("只勾选核验方需要的信息；未勾选的信息不会出示。"))
    request_code = forms.CharField(label=_("核验码（可选）"), max_length=16, required=False,
                                   help_text=_("扫描核验方二维码会自动填入；不填则生成任何人可核验的出示码。"))

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fields"].choices = choices


def _choices(certificate) -> list[tuple[str, str]]:
    labels = {f.get("name"): f.get("label") for f in certificate.certificate_type.fields}
    return [(name, f"{labels.get(name) or name}") for name in disclosable_fields(certificate.sd_jwt)]


def _open_request(code: str):
    if not code:
        return None
    try:
        return verifier_request_open(code=code)
    except DomainError:
        return None


@citizen_required
@require_GET
def show_to(request):
    """Reached from a verifier's QR: choose which certificate to show to this request."""
    code = request.GET.get("request", "")
    context = {"verifier_request": _open_request(code), "code": code,
               "certificates": certificate_selectors.wallet_certificates(user=request.user)}
    return render(request, "portal/wallet/show_to.html", context, status=200 if context["verifier_request"] else 404)


@citizen_required
@require_http_methods(["GET", "POST"])
def show(request, identifier: str):
    try:
        certificate = certificate_selectors.wallet_certificate_get(user=request.user, identifier=identifier)
    except DomainError as exc:
        raise Http404(str(exc.message)) from exc
    initial = {"request_code": request.GET.get("request", "")}
    form = ShowForm(request.POST or None, initial=initial, choices=_choices(certificate))
    context = {"certificate": certificate, "form": form,
               "verifier_request": _open_request(request.POST.get("request_code") or initial["request_code"])}
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                shown = certificate_present(user=request.user, certificate=certificate,
                                            fields=form.cleaned_data["fields"],
                                            request_code=form.cleaned_data["request_code"])
            except DomainError as exc:
                flash_error(request, exc)
                status = exc.status
            else:
                context.update(shown=shown, qr=qr_svg(shown.presentation),
                               shown_labels=[label for name, label in _choices(certificate) if name in shown.fields])
        else:
            status = 422
    return render(request, "portal/wallet/show.html", context, status=status)

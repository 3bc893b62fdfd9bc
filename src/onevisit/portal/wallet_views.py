"""Portal: the citizen's wallet (我的证照): list, detail, printable PDF. Thin: selectors do the work.

A citizen sees their own certificates, or an enterprise's when they act for it; any other
certificate is a 404, never a 403, so its existence is not disclosed.
"""

from django.http import Http404, HttpResponse
from django.shortcuts import render

from onevisit.accounts.decorators import citizen_required
from onevisit.accounts.selectors import enterprises_acted_for
from onevisit.certificates import selectors
from onevisit.certificates.errors import CertificateNotFound
from onevisit.certificates.from_registries import wallet_first_visit
from onevisit.certificates.printing import certificate_face, certificate_pdf, holder_id_display

STATUS_TAGS = {"valid": "tag-success", "suspended": "tag-warning", "revoked": "tag-muted", "cancelled": "tag-muted"}


@citizen_required
def wallet(request):
    enterprises = list(enterprises_acted_for(user=request.user))
    enterprise = next((e for e in enterprises if e.uscc == request.GET.get("enterprise", "")), None)
    if request.GET.get("enterprise") and enterprise is None:
        raise Http404
    wallet_first_visit(user=request.user)
    certificates = list(selectors.wallet_certificates(user=request.user, enterprise=enterprise))
    for certificate in certificates:
        certificate.tag = STATUS_TAGS[certificate.status]
    return render(request, "portal/wallet/list.html", {
        "certificates": certificates, "enterprises": enterprises, "enterprise": enterprise})


def _mine(request, identifier: str):
    try:
        return selectors.wallet_certificate_get(user=request.user, identifier=identifier)
    except CertificateNotFound:
        raise Http404 from None


@citizen_required
def wallet_detail(request, identifier: str):
    certificate = _mine(request, identifier)
    return render(request, "portal/wallet/detail.html", {
        "certificate": certificate, "face": certificate_face(certificate), "tag": STATUS_TAGS[certificate.status],
        "holder_id": holder_id_display(certificate),
        "events": certificate.events.order_by("at", "id"),
    })


@citizen_required
def wallet_pdf(request, identifier: str):
    certificate = _mine(request, identifier)
    response = HttpResponse(certificate_pdf(certificate), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="certificate-{certificate.identifier}.pdf"'
    return response

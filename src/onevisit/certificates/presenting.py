"""The wallet's "show" (亮证): the logged-in holder presents chosen fields to one verifier request."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse

from onevisit.accounts.models import User
from onevisit.certificates.errors import NotPresentable
from onevisit.certificates.holders import holder_signing_key
from onevisit.certificates.models import Certificate, VerifierRequest
from onevisit.certificates.presentation import PresentationError, presentation_make
from onevisit.certificates.verifying import verifier_request_create, verifier_request_open


@dataclass(frozen=True)
class Shown:
    presentation: str
    request: VerifierRequest
    fields: list[str]


def public_verifier_aud() -> str:
    """The audience of "show to anyone": our public verifier page."""
    return settings.ONEVISIT_PUBLIC_URL + reverse("verify:home")


def certificate_present(
    *, user: User, certificate: Certificate, fields: Iterable[str], request_code: str = "",
) -> Shown:
    """A presentation of ``fields`` of ``certificate`` bound to a verifier request.

    With ``request_code`` the verifier's request (must be open); without it a new request open
    to anyone, for our public verifier page. Revoked or suspended certificates can be shown: the
    verifier sees their status. Raises CertificateNotFound if the user may not present it,
    VerifierRequestNotFound for an unknown, used or expired code, NotPresentable for a field
    the certificate does not hold.
    """
    key = holder_signing_key(user=user, certificate=certificate)  # checks the user holds it
    chosen = list(dict.fromkeys(fields))
    if request_code:
        request = verifier_request_open(code=request_code)
    else:
        request = verifier_request_create(aud=public_verifier_aud(), created_by=user, open_to_anyone=True)
    try:
        presentation = presentation_make(issuance=certificate.sd_jwt, disclosed=chosen, nonce=request.nonce,
                                         aud=request.aud, holder_key=key)
    except PresentationError as exc:
        raise NotPresentable(details={"fields": chosen, "why": str(exc)}) from exc
    return Shown(presentation, request, chosen)

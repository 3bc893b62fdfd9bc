"""Verifier requests and online verification (核验): fresh nonces, single use, one audit row each.

A verifier (the public page, a department's workbench, or another system through the API)
creates a request; the holder's wallet binds a presentation to its nonce and aud; the first
presentation that answers the request uses it up. Verification itself is ``vc_verify`` with the
issuer's current JWKS and status list, read from our own tables (we are the issuer).
"""

from __future__ import annotations

import datetime
import secrets
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from onevisit.accounts.models import Department, User
from onevisit.certificates import sd_jwt_parts
from onevisit.certificates.errors import VerifierRequestNotFound
from onevisit.certificates.models import Verification, VerificationChannel, VerifierRequest
from onevisit.certificates.publishing import issuer_url, verifier_cache
from onevisit.certificates.reasons import Reason
from onevisit.certificates.selectors import issuer_departments
from onevisit.certificates.verification import VerificationResult, vc_verify
from onevisit.core.errors import ValidationFailed

REQUEST_TTL = datetime.timedelta(minutes=5)
# A presentation is made when the holder taps "show"; one older than this is stale.
PRESENTATION_MAX_AGE = int(REQUEST_TTL.total_seconds())
# Unambiguous capitals and digits (no 0/O, 1/I/L), for a code read out or typed on a phone.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 8
ANYONE = _("任何核验方")


@dataclass(frozen=True)
class Outcome:
    result: VerificationResult
    request: VerifierRequest | None
    verification: Verification


def _code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def code_normalise(code: str) -> str:
    return "".join(code.split()).upper().replace("-", "")


def verifier_request_create(
    *, aud: str, verifier_name: str = "", purpose: str = "", department: Department | None = None,
    created_by: User | None = None, open_to_anyone: bool = False, ttl: datetime.timedelta = REQUEST_TTL,
) -> VerifierRequest:
    """A fresh request: random nonce and short code, expiring after ``ttl``.

    Raises ValidationFailed when ``aud`` is empty or a text is too long.
    """
    if not aud or len(aud) > 300:
        raise ValidationFailed.for_field("aud", _("请提供核验方标识（不超过 300 字）。"))
    if len(verifier_name) > 200 or len(purpose) > 200:
        raise ValidationFailed.for_field("verifier_name", _("名称和用途不超过 200 字。"))
    now = timezone.now()
    return VerifierRequest.objects.create(
        code=_code(), nonce=_nonce(), aud=aud,
        verifier_name=verifier_name or (department.name if department else str(ANYONE)),
        purpose=purpose, department=department, created_by=created_by, open_to_anyone=open_to_anyone,
        created_at=now, expires_at=now + ttl,
    )


def _nonce() -> str:
    """32 random base64url characters (192 bits) that do not start with '-', which a command line
    (``onevisit cert verify --nonce ...``) would take for an option."""
    while True:
        nonce = secrets.token_urlsafe(24)
        if not nonce.startswith("-"):
            return nonce


def verifier_request_get(*, code: str) -> VerifierRequest:
    """The request with this code; VerifierRequestNotFound otherwise."""
    request = VerifierRequest.objects.filter(code=code_normalise(code)).select_related("department").first()
    if request is None:
        raise VerifierRequestNotFound(details={"code": code})
    return request


def verifier_request_open(*, code: str) -> VerifierRequest:
    """A request a holder may still answer; VerifierRequestNotFound if unknown, used or expired."""
    request = verifier_request_get(code=code)
    if request.used_at is not None or request.expires_at <= timezone.now():
        raise VerifierRequestNotFound(_("核验码已使用或已过期，请核验方重新生成。"), details={"code": code})
    return request


def _trust_for(presentation: str) -> tuple[dict, dict]:
    """JWKS and status list of the one department whose issuer URL the presentation names."""
    try:
        iss = sd_jwt_parts.jwt_part(sd_jwt_parts.split(presentation).issuer_jwt, 1).get("iss")
    except sd_jwt_parts.Malformed:
        return {}, {}
    department = next((d for d in issuer_departments() if issuer_url(d) == iss), None)
    return verifier_cache([department], current=True) if department else ({}, {})


def _kb_nonce(presentation: str) -> str | None:
    try:
        kb_jwt = sd_jwt_parts.split(presentation).kb_jwt
        nonce = sd_jwt_parts.jwt_part(kb_jwt, 1).get("nonce") if kb_jwt else None
    except sd_jwt_parts.Malformed:
        return None
    return nonce if isinstance(nonce, str) else None


def _refused(reason: Reason, detail: str) -> VerificationResult:
    return VerificationResult(False, reason, detail=detail)


def presentation_verify(
    *, presentation: str, channel: str, request_code: str | None = None,
    verified_by: User | None = None, department: Department | None = None,
) -> Outcome:
    """Verify a presentation against the request it answers, and record one Verification.

    The request is ``request_code``'s, or else the one whose nonce the KB-JWT carries. A used
    request gives ``replayed``, an expired one ``request_expired``. Any answer to the request
    uses it up, except one not bound to it (``wrong_nonce``) or not a presentation at all
    (``malformed``), so a stranger cannot burn another verifier's request. Raises
    VerifierRequestNotFound for an unknown ``request_code``; never raises for a bad presentation.
    """
    if channel not in VerificationChannel.values:
        raise ValueError(f"unknown channel {channel}")
    now = timezone.now()
    request: VerifierRequest | None
    with transaction.atomic():
        if request_code:
            request = verifier_request_get(code=request_code)
        else:
            nonce = _kb_nonce(presentation)
            request = VerifierRequest.objects.filter(nonce=nonce).first() if nonce else None
        if request is not None:
            request = VerifierRequest.objects.select_for_update().get(pk=request.pk)
        jwks, status_lists = _trust_for(presentation)
        if request is None:
            result = vc_verify(presentation, jwks=jwks, status_lists=status_lists, require_holder_binding=True)
            if result.valid:
                result = _refused(Reason.WRONG_NONCE, "no verifier request has this nonce")
        elif request.used_at is not None:
            result = _refused(Reason.REPLAYED, "the verifier request was already used")
        elif request.expires_at <= now:
            result = _refused(Reason.REQUEST_EXPIRED, "the verifier request expired")
        else:
            result = vc_verify(presentation, jwks=jwks, status_lists=status_lists, nonce=request.nonce,
                               aud=request.aud, max_age=PRESENTATION_MAX_AGE)
            if result.reason not in (Reason.WRONG_NONCE, Reason.MALFORMED):
                request.used_at, request.result = now, result.code
                request.save(update_fields=["used_at", "result"])
        verification = Verification.objects.create(
            request=request, verified_at=now, verified_by=verified_by, department=department, channel=channel,
            result=result.code, issuer=(result.issuer or "")[:300], vct=(result.vct or "")[:200],
            disclosed_fields=sorted(result.claims),
        )
    return Outcome(result, request, verification)

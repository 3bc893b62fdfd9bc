"""API of the verifier (核验): make a nonce-bound request, verify a presentation. No login needed;
a logged-in staff member's verifications are recorded under their name and department."""

from __future__ import annotations

import datetime
from typing import Any

from ninja import Field, Router, Schema, Status

from onevisit.certificates import verifying
from onevisit.certificates.models import VerificationChannel
from onevisit.certificates.presenting import public_verifier_aud
from onevisit.certificates.reasons import reason_messages, status_word
from onevisit.certificates.verifier_throttle import verifier_throttle
from onevisit.certificates.verify_forms import MAX_PRESENTATION
from onevisit.certificates.verify_views import holder_link

router = Router(tags=["certificates"])


class RequestIn(Schema):
    verifier_name: str = Field(..., min_length=1, max_length=200, description="Shown to the holder")
    purpose: str = Field("", max_length=200)
    aud: str | None = Field(None, min_length=1, max_length=300,
                            description="Who the presentation is addressed to; default: our public verifier")


class RequestOut(Schema):
    code: str
    nonce: str
    aud: str
    verifier_name: str
    purpose: str
    expires_at: datetime.datetime
    holder_url: str


class VerifyIn(Schema):
    presentation: str = Field(..., min_length=1, max_length=MAX_PRESENTATION)
    request_code: str | None = Field(None, min_length=1, max_length=16)


class VerifyOut(Schema):
    valid: bool
    code: str = Field(description="ok, tampered, expired, revoked, suspended, wrong_nonce, replayed, "
                                  "request_expired, unknown_issuer, malformed, holder_binding_failed")
    status_word: str
    message: dict[str, str]
    issuer: str | None
    vct: str | None
    claims: dict[str, Any]
    request_code: str | None
    verified_at: datetime.datetime


def _staff(request):
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated and user.is_officer else None


@router.post("/requests", response={201: RequestOut}, auth=None,
             summary="Create a verifier request (核验请求): a fresh nonce, valid for minutes, used once")
def request_create(request, payload: RequestIn):
    verifier_throttle(request, "request")
    staff = _staff(request)
    made = verifying.verifier_request_create(
        aud=payload.aud or public_verifier_aud(), verifier_name=payload.verifier_name, purpose=payload.purpose,
        department=staff.department if staff else None, created_by=staff,
    )
    return Status(201, {"code": made.code, "nonce": made.nonce, "aud": made.aud, "verifier_name": made.verifier_name,
                 "purpose": made.purpose, "expires_at": made.expires_at, "holder_url": holder_link(made.code)})


@router.post("/verify", response=VerifyOut, auth=None,
             summary="Verify a presentation: signature, expiry, status, holder binding, nonce (200 with a code)")
def verify(request, payload: VerifyIn):
    verifier_throttle(request, "verify")
    staff = _staff(request)
    outcome = verifying.presentation_verify(
        presentation=payload.presentation, request_code=payload.request_code, channel=VerificationChannel.API,
        verified_by=staff, department=staff.department if staff else None,
    )
    result = outcome.result
    return {"valid": result.valid, "code": result.code, "status_word": status_word(result.reason),
            "message": reason_messages(result.reason), "issuer": result.issuer, "vct": result.vct,
            "claims": result.claims, "request_code": outcome.request.code if outcome.request else None,
            "verified_at": outcome.verification.verified_at}

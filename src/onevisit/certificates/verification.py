"""Offline verification of an SD-JWT VC presentation.

Works from data the verifier already holds: the issuers' JWKS and their status
lists (decoded ``lst`` values), so the CLI can verify with no network. The sd-jwt
reference verifier checks the signature and disclosures; it does not check
``exp`` or status, so we do.
"""

from __future__ import annotations

import enum
import json
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from jwcrypto.common import JWException
from jwcrypto.jwk import JWKSet
from sd_jwt.verifier import SDJWTVerifier

from onevisit.certificates.status_list import INVALID, SUSPENDED, status_at, status_list_decode

REGISTERED = {"iss", "vct", "iat", "exp", "nbf", "cnf", "status", "_sd_alg"}


class Reason(enum.StrEnum):
    SIGNATURE = "signature"
    EXPIRED = "expired"
    REVOKED = "revoked"
    SUSPENDED = "suspended"
    WRONG_NONCE = "wrong_nonce"
    UNKNOWN_ISSUER = "unknown_issuer"


@dataclass(frozen=True)
class VerificationResult:
    valid: bool
    reason: Reason | None = None
    claims: dict[str, Any] = field(default_factory=dict)
    issuer: str | None = None


class _UnknownIssuer(Exception):
    pass


def _key_finder(jwks: Mapping[str, str | dict]):
    def find(iss: str | None, header: dict):
        if iss not in jwks:
            raise _UnknownIssuer(iss)
        source = jwks[iss]
        keyset = JWKSet.from_json(source if isinstance(source, str) else json.dumps(source))
        key = keyset.get_key(header.get("kid", ""))
        if key is None:
            raise _UnknownIssuer(iss)
        return key
    return find


def vc_verify(
    presentation: str,
    *,
    jwks: Mapping[str, str | dict],
    status_lists: Mapping[str, str] | None = None,
    nonce: str | None = None,
    now: float | None = None,
) -> VerificationResult:
    """Verify ``presentation`` and return only the disclosed data claims.

    ``jwks`` maps issuer URL to its JWKS; ``status_lists`` maps a status list URI
    to its encoded ``lst``. Never raises for a bad presentation: the result says why.
    """
    if nonce is not None:
        # Key binding (and so a nonce) comes with holder keys in the wallet; a
        # verifier that asks for one cannot be satisfied by this slice's credentials.
        return VerificationResult(False, Reason.WRONG_NONCE)
    try:
        payload = SDJWTVerifier(presentation, _key_finder(jwks)).get_verified_payload()
    except _UnknownIssuer:
        return VerificationResult(False, Reason.UNKNOWN_ISSUER)
    except (JWException, ValueError, KeyError, IndexError, TypeError):
        return VerificationResult(False, Reason.SIGNATURE)
    issuer = payload.get("iss")
    moment = time.time() if now is None else now
    if "exp" in payload and moment >= payload["exp"]:
        return VerificationResult(False, Reason.EXPIRED, issuer=issuer)
    reference = (payload.get("status") or {}).get("status_list")
    if reference and status_lists is not None:
        lst = status_lists.get(reference.get("uri"))
        if lst is None:
            return VerificationResult(False, Reason.UNKNOWN_ISSUER, issuer=issuer)
        status = status_at(status_list_decode(lst), reference["idx"])
        if status == INVALID:
            return VerificationResult(False, Reason.REVOKED, issuer=issuer)
        if status == SUSPENDED:
            return VerificationResult(False, Reason.SUSPENDED, issuer=issuer)
    claims = {k: v for k, v in payload.items() if k not in REGISTERED}
    return VerificationResult(True, None, claims, issuer)

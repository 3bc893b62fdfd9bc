"""Offline verification of an SD-JWT VC (issued, or presented with key binding).

Works from data the verifier already holds: the issuers' JWKS and their status
lists (decoded ``lst`` values), so the CLI can verify with no network. The sd-jwt
reference verifier checks the issuer signature and unpacks disclosures; it does
not check ``exp`` or status, silently drops a disclosure the issuer never signed,
and checks the KB-JWT only as one ValueError. We check those ourselves so every
refusal has a typed reason (see ``reasons.py``).
"""

from __future__ import annotations

import json
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from jwcrypto.common import JWException
from jwcrypto.jwk import JWK, JWKSet
from jwcrypto.jws import JWS
from sd_jwt.verifier import SDJWTVerifier

from onevisit.certificates import sd_jwt_parts
from onevisit.certificates.reasons import Reason
from onevisit.certificates.sd_jwt_parts import Malformed
from onevisit.certificates.sd_jwt_vc import ALG
from onevisit.certificates.status_list import INVALID, SUSPENDED, status_at, status_list_decode

REGISTERED = {"iss", "vct", "iat", "exp", "nbf", "cnf", "status", "_sd_alg", "sub"}
KB_TYP = "kb+jwt"
CLOCK_SKEW = 60  # seconds a holder's clock may run ahead of ours

__all__ = ["Reason", "VerificationResult", "vc_verify"]


@dataclass(frozen=True)
class VerificationResult:
    valid: bool
    reason: Reason = Reason.OK
    claims: dict[str, Any] = field(default_factory=dict)
    issuer: str | None = None
    vct: str | None = None
    holder_bound: bool = False
    detail: str = ""

    @property
    def code(self) -> str:
        return str(self.reason)


def _refuse(reason: Reason, detail: str = "", **known: Any) -> VerificationResult:
    return VerificationResult(False, reason, detail=detail, **known)


class _UnknownIssuer(Exception):
    pass


def _key_finder(jwks: Mapping[str, str | dict]):
    def find(iss: str | None, header: dict):
        if iss is None or iss not in jwks:
            raise _UnknownIssuer(iss)
        source = jwks[iss]
        keyset = JWKSet.from_json(source if isinstance(source, str) else json.dumps(source))
        key = keyset.get_key(header.get("kid", ""))
        if key is None:
            raise _UnknownIssuer(iss)
        return key
    return find


def _check_key_binding(parts: sd_jwt_parts.Parts, payload: dict, *, nonce: str | None, aud: str | None,
                       max_age: int | None, moment: float) -> tuple[Reason, str] | None:
    """None if the KB-JWT is signed by ``cnf.jwk`` over exactly these disclosures and fits
    the request; otherwise the reason it does not."""
    bound = (payload.get("cnf") or {}).get("jwk")
    if not bound:
        return Reason.HOLDER_BINDING_FAILED, "credential has no cnf.jwk"
    try:
        jws = JWS()
        jws.deserialize(parts.kb_jwt)
        jws.verify(JWK(**bound), alg=ALG)
        header = jws.jose_header
        kb = json.loads(jws.payload)
    except (JWException, ValueError, TypeError) as exc:
        return Reason.HOLDER_BINDING_FAILED, f"KB-JWT not signed by the bound key ({type(exc).__name__})"
    if not isinstance(kb, dict) or header.get("typ") != KB_TYP:
        return Reason.HOLDER_BINDING_FAILED, "KB-JWT typ is not kb+jwt"
    if kb.get("sd_hash") != sd_jwt_parts.b64hash(parts.without_kb):
        return Reason.TAMPERED, "sd_hash does not match the presented disclosures"
    if nonce is not None and kb.get("nonce") != nonce:
        return Reason.WRONG_NONCE, "nonce differs from the verifier request"
    if aud is not None and kb.get("aud") != aud:
        return Reason.WRONG_NONCE, "aud names another verifier"
    iat = kb.get("iat")
    if not isinstance(iat, int | float) or iat > moment + CLOCK_SKEW:
        return Reason.HOLDER_BINDING_FAILED, "KB-JWT iat missing or in the future"
    if max_age is not None and moment - iat > max_age:
        return Reason.EXPIRED, "presentation older than the verifier accepts"
    return None


def vc_verify(
    presentation: str,
    *,
    jwks: Mapping[str, str | dict],
    status_lists: Mapping[str, str] | None = None,
    nonce: str | None = None,
    aud: str | None = None,
    max_age: int | None = None,
    require_holder_binding: bool = False,
    now: float | None = None,
) -> VerificationResult:
    """Verify ``presentation`` and return only the disclosed data claims.

    ``jwks`` maps issuer URL to its JWKS; ``status_lists`` maps a status list URI
    to its encoded ``lst`` (None: status is not checked). Asking for a ``nonce``
    (or ``require_holder_binding``) requires a KB-JWT signed by the key in
    ``cnf.jwk``; a KB-JWT that is present is always checked. Never raises for a
    bad presentation: the result says why.
    """
    moment = time.time() if now is None else now
    try:
        parts = sd_jwt_parts.split(presentation)
        unverified = sd_jwt_parts.jwt_part(parts.issuer_jwt, 1)
        for disclosure in parts.disclosures:
            sd_jwt_parts.disclosure_decode(disclosure)
    except Malformed as exc:
        return _refuse(Reason.MALFORMED, str(exc))
    try:
        payload = SDJWTVerifier(parts.without_kb, _key_finder(jwks)).get_verified_payload()
    except _UnknownIssuer:
        return _refuse(Reason.UNKNOWN_ISSUER, "issuer or key id not in the trusted JWKS",
                       issuer=unverified.get("iss"))
    except (JWException, ValueError, KeyError, IndexError, TypeError) as exc:
        return _refuse(Reason.TAMPERED, f"issuer signature or disclosures invalid ({type(exc).__name__})")
    signed = sd_jwt_parts.signed_digests(unverified)
    if any(sd_jwt_parts.b64hash(d) not in signed for d in parts.disclosures):
        return _refuse(Reason.TAMPERED, "a disclosure was not signed by the issuer")
    known = {"issuer": payload.get("iss"), "vct": payload.get("vct")}

    if parts.kb_jwt or nonce is not None or require_holder_binding:
        if not parts.kb_jwt:
            return _refuse(Reason.HOLDER_BINDING_FAILED, "no key-binding JWT", **known)
        failure = _check_key_binding(parts, unverified, nonce=nonce, aud=aud, max_age=max_age, moment=moment)
        if failure:
            return _refuse(*failure, **known)
    if "exp" in payload and moment >= payload["exp"]:
        return _refuse(Reason.EXPIRED, "certificate past its exp", **known)
    reference = (payload.get("status") or {}).get("status_list")
    if reference and status_lists is not None:
        lst = status_lists.get(reference.get("uri"))
        if lst is None:
            return _refuse(Reason.UNKNOWN_ISSUER, "status list not known to this verifier", **known)
        try:
            status = status_at(status_list_decode(lst), reference["idx"])
        except (ValueError, IndexError, KeyError, TypeError):
            return _refuse(Reason.UNKNOWN_ISSUER, "status list does not cover this certificate", **known)
        if status == INVALID:
            return _refuse(Reason.REVOKED, **known)
        if status == SUSPENDED:
            return _refuse(Reason.SUSPENDED, **known)
    claims = {k: v for k, v in payload.items() if k not in REGISTERED}
    return VerificationResult(True, Reason.OK, claims, holder_bound=bool(parts.kb_jwt), **known)

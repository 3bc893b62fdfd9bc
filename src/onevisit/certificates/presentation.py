"""Presentations (出示): the holder's selection of disclosures plus a key-binding JWT.

A presentation carries the issuer-signed SD-JWT, only the disclosures of the
fields the holder chose, and a KB-JWT (``nonce``, ``aud``, ``iat``, ``sd_hash``)
signed by the holder key whose public half the issuer put in ``cnf.jwk``. The
nonce ties it to one verifier request, so a copy cannot be shown twice.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from jwcrypto.jwk import JWK
from sd_jwt.holder import SDJWTHolder

from onevisit.certificates.sd_jwt_parts import disclosable_fields, jwt_part, split
from onevisit.certificates.sd_jwt_vc import ALG


class PresentationError(ValueError):
    """The issuance cannot be presented as asked (unknown field, key not the bound one)."""


def bound_jwk(issuance: str) -> dict | None:
    """The holder public key the issuer bound the credential to (``cnf.jwk``), if any."""
    return (jwt_part(split(issuance).issuer_jwt, 1).get("cnf") or {}).get("jwk")


def presentation_make(
    *, issuance: str, disclosed: Iterable[str], nonce: str, aud: str, holder_key: JWK,
) -> str:
    """Return ``issuer-JWT~chosen disclosures~KB-JWT`` for the verifier named by ``aud``.

    Only the fields in ``disclosed`` are revealed. Raises PresentationError if a
    field is not in the credential or ``holder_key`` is not the key in ``cnf.jwk``
    (a presentation signed by another key would fail holder binding anyway).
    """
    chosen = list(dict.fromkeys(disclosed))
    unknown = sorted(set(chosen) - set(disclosable_fields(issuance)))
    if unknown:
        raise PresentationError(f"not disclosable: {', '.join(unknown)}")
    bound = bound_jwk(issuance)
    public = json.loads(holder_key.export_public())
    if not bound or any(bound.get(k) != public.get(k) for k in ("kty", "crv", "x", "y")):
        raise PresentationError("the holder key is not the key bound in cnf.jwk")
    if not nonce or not aud:
        raise PresentationError("a presentation needs a verifier nonce and audience")
    holder = SDJWTHolder(issuance)
    holder.create_presentation({name: True for name in chosen}, nonce=nonce, aud=aud,
                               holder_key=holder_key, sign_alg=ALG)
    return holder.sd_jwt_presentation

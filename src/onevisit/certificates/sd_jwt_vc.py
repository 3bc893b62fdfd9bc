"""SD-JWT VC encoding of a certificate, on the sd-jwt reference implementation.

Every data field is selectively disclosable; registered claims (iss, vct, iat,
exp, cnf, status) are always visible. Holder binding in this slice is a salted
hash of the holder's ID number in ``cnf``; key binding comes with the wallet.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from jwcrypto.jwk import JWK
from sd_jwt.common import SDObj
from sd_jwt.issuer import SDJWTIssuer

TYP = "vc+sd-jwt"
ALG = "ES256"


def vc_issue(
    *,
    key: JWK,
    kid: str,
    iss: str,
    vct: str,
    iat: int,
    exp: int | None,
    data: Mapping[str, Any],
    registered: Mapping[str, Any] | None = None,
) -> str:
    """Return the compact SD-JWT VC issuance (JWT~disclosure~...~) signed with ``key``."""
    claims: dict[Any, Any] = {"iss": iss, "vct": vct, "iat": iat, **(registered or {})}
    if exp is not None:
        claims["exp"] = exp
    for name, value in data.items():
        claims[SDObj(name)] = value
    issuer = SDJWTIssuer(
        claims, key, sign_alg=ALG, extra_header_parameters={"typ": TYP, "kid": kid},
    )
    return issuer.sd_jwt_issuance

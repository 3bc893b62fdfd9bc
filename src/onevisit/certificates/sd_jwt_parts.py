"""Reading the pieces of a compact SD-JWT without trusting them.

``<issuer JWT>~<disclosure>~...~<KB-JWT or empty>``. The verifier uses these to
say *why* a presentation is bad (malformed, a disclosure the issuer never
signed, a changed sd_hash) before and after the reference verifier runs.
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass
from typing import Any


class Malformed(ValueError):
    """Not a compact SD-JWT."""


@dataclass(frozen=True)
class Parts:
    issuer_jwt: str
    disclosures: list[str]
    kb_jwt: str

    @property
    def without_kb(self) -> str:
        """What the KB-JWT's ``sd_hash`` is computed over (ends with ``~``)."""
        return "~".join([self.issuer_jwt, *self.disclosures, ""])


def b64decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def b64hash(text: str) -> str:
    return base64.urlsafe_b64encode(hashlib.sha256(text.encode("ascii")).digest()).rstrip(b"=").decode("ascii")


def split(presentation: str) -> Parts:
    """Split a compact SD-JWT; raises Malformed if it is not one."""
    text = presentation.strip()
    pieces = text.split("~")
    if len(pieces) < 2 or text.count(".", 0, len(pieces[0])) != 2:
        raise Malformed("expected <issuer-jwt>~<disclosures>~<kb-jwt>")
    try:
        text.encode("ascii")
    except UnicodeEncodeError as exc:
        raise Malformed("non-ASCII characters") from exc
    return Parts(pieces[0], [p for p in pieces[1:-1] if p], pieces[-1])


def jwt_part(token: str, index: int) -> dict[str, Any]:
    """Decode the header (0) or payload (1) of a compact JWS, unverified; raises Malformed."""
    try:
        value = json.loads(b64decode(token.split(".")[index]))
    except (ValueError, IndexError) as exc:
        raise Malformed("undecodable JWT") from exc
    if not isinstance(value, dict):
        raise Malformed("JWT part is not an object")
    return value


def disclosure_decode(disclosure: str) -> list[Any]:
    """``[salt, name, value]`` (object property) or ``[salt, value]`` (array element)."""
    try:
        value = json.loads(b64decode(disclosure))
    except ValueError as exc:
        raise Malformed("undecodable disclosure") from exc
    if not isinstance(value, list) or len(value) not in (2, 3):
        raise Malformed("disclosure is not [salt, name, value]")
    return value


def signed_digests(payload: Any) -> set[str]:
    """Every disclosure digest the issuer signed (``_sd`` members and ``...`` array entries)."""
    found: set[str] = set()
    if isinstance(payload, dict):
        found.update(d for d in payload.get("_sd", []) if isinstance(d, str))
        for value in payload.values():
            found |= signed_digests(value)
    elif isinstance(payload, list):
        for item in payload:
            if isinstance(item, dict) and set(item) == {"..."}:
                found.add(item["..."])
            else:
                found |= signed_digests(item)
    return found


def disclosable_fields(issuance: str) -> list[str]:
    """Names of the top-level selectively disclosable fields, in issuing order."""
    return [d[1] for d in map(disclosure_decode, split(issuance).disclosures) if len(d) == 3]

"""Token Status List encoding (IETF draft-ietf-oauth-status-list).

A list holds one status per certificate, ``bits`` wide (1, 2, 4 or 8), packed
least-significant-bit first within each byte, zlib-compressed and base64url
encoded without padding. Signing the list as a ``statuslist+jwt`` is done by
``status_list_token`` with the issuing department's key.
"""

from __future__ import annotations

import base64
import zlib
from collections.abc import Sequence
from typing import Any

from jwcrypto.jwt import JWT

# Status values defined by the draft; 0x03 is application-specific (unused here).
VALID = 0x00
INVALID = 0x01  # revoked
SUSPENDED = 0x02

ALLOWED_BITS = (1, 2, 4, 8)


def status_list_encode(statuses: Sequence[int], *, bits: int = 2) -> str:
    """Pack ``statuses`` into the compressed, base64url ``lst`` value.

    Raises ValueError if ``bits`` is not allowed or a status does not fit in it.
    """
    if bits not in ALLOWED_BITS:
        raise ValueError(f"bits must be one of {ALLOWED_BITS}")
    per_byte = 8 // bits
    packed = bytearray((len(statuses) + per_byte - 1) // per_byte)
    for index, status in enumerate(statuses):
        if not 0 <= status < (1 << bits):
            raise ValueError(f"status {status} does not fit in {bits} bits")
        packed[index // per_byte] |= status << ((index % per_byte) * bits)
    compressed = zlib.compress(bytes(packed), level=9)
    return base64.urlsafe_b64encode(compressed).rstrip(b"=").decode("ascii")


def status_list_decode(lst: str) -> bytes:
    """Return the decompressed byte array of an encoded ``lst`` value."""
    padded = lst + "=" * (-len(lst) % 4)
    return zlib.decompress(base64.urlsafe_b64decode(padded))


def status_at(packed: bytes, index: int, *, bits: int = 2) -> int:
    """Status of entry ``index``; raises IndexError if the list is shorter."""
    per_byte = 8 // bits
    byte = packed[index // per_byte]
    return (byte >> ((index % per_byte) * bits)) & ((1 << bits) - 1)


def status_list_token(
    *, key: Any, kid: str, uri: str, statuses: Sequence[int], iat: int,
    bits: int = 2, exp: int | None = None, ttl: int | None = None,
) -> str:
    """Sign the list as a compact ``statuslist+jwt`` whose ``sub`` is the list's URI."""
    claims: dict[str, Any] = {
        "sub": uri, "iat": iat,
        "status_list": {"bits": bits, "lst": status_list_encode(statuses, bits=bits)},
    }
    if exp is not None:
        claims["exp"] = exp
    if ttl is not None:
        claims["ttl"] = ttl
    token = JWT(header={"alg": "ES256", "typ": "statuslist+jwt", "kid": kid}, claims=claims)
    token.make_signed_token(key)
    return token.serialize()

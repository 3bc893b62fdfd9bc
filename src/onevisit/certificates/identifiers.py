"""GB/T 36904-style certificate identifiers (电子证照标识).

Form: ``1.2.156.3005.2.<type code>.<issuer USCC>.<serial>.<version>.<check>``.

The check character is ISO/IEC 7064 MOD 37,36 (hybrid system, alphabet ``0-9A-Z``)
computed over every part before it with the dots removed. DOMAIN.md §9 notes the
rule is unconfirmed on one of five published samples; until that is settled this
module is the single place to change it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

PREFIX = "1.2.156.3005.2"
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_M = len(ALPHABET)  # 36

# Parts other than the prefix: upper-case letters and digits only, so every
# character has a value in the check alphabet.
_PART = re.compile(r"^[0-9A-Z]+$")


class InvalidIdentifier(ValueError):
    """The text is not a well-formed certificate identifier, or its check character is wrong."""


def check_character(payload: str) -> str:
    """Return the MOD 37,36 check character for ``payload`` (dots are ignored)."""
    p = _M
    for char in payload.replace(".", ""):
        value = ALPHABET.find(char)
        if value < 0:
            raise InvalidIdentifier(f"character {char!r} is outside 0-9A-Z")
        p = (p + value) % _M or _M
        p = (p * 2) % (_M + 1)
    return ALPHABET[(_M + 1 - p) % _M]


@dataclass(frozen=True)
class Identifier:
    type_code: str
    issuer_code: str
    serial: str
    version: str

    @property
    def payload(self) -> str:
        return ".".join([PREFIX, self.type_code, self.issuer_code, self.serial, self.version])

    def __str__(self) -> str:
        return f"{self.payload}.{check_character(self.payload)}"


def identifier_build(*, type_code: str, issuer_code: str, serial: str, version: str = "1") -> str:
    """Build an identifier with its check character; raises InvalidIdentifier on a bad part."""
    for part in (type_code, issuer_code, serial, version):
        if not _PART.match(part):
            raise InvalidIdentifier(f"part {part!r} must be upper-case letters and digits")
    return str(Identifier(type_code, issuer_code, serial, version))


def identifier_parse(text: str) -> Identifier:
    """Parse and validate an identifier; raises InvalidIdentifier if malformed or the check fails."""
    if not text.startswith(PREFIX + "."):
        raise InvalidIdentifier("identifier must start with " + PREFIX)
    parts = text[len(PREFIX) + 1:].split(".")
    if len(parts) != 5 or not all(_PART.match(part) for part in parts):
        raise InvalidIdentifier("identifier must have type, issuer, serial, version and check parts")
    type_code, issuer_code, serial, version, check = parts
    identifier = Identifier(type_code, issuer_code, serial, version)
    if len(check) != 1 or check_character(identifier.payload) != check:
        raise InvalidIdentifier("check character does not match")
    return identifier


def identifier_is_valid(text: str) -> bool:
    try:
        identifier_parse(text)
    except InvalidIdentifier:
        return False
    return True

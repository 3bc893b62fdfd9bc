"""The verifier's cache directory: issuers' JWKS and status lists held on disk.

Layout: ``jwks.json`` maps issuer URL to its JWKS; ``status_lists.json`` maps a
status list URI to its encoded ``lst``. Written by ``onevisit cert cache`` (next
slice) or by hand; read by ``onevisit cert verify --cache DIR``.
"""

from __future__ import annotations

import json
from pathlib import Path


def cache_read(directory: Path) -> tuple[dict, dict]:
    """Return (jwks, status_lists); a missing file reads as empty."""
    def load(name: str) -> dict:
        path = directory / name
        return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    return load("jwks.json"), load("status_lists.json")


def cache_write(directory: Path, *, jwks: dict, status_lists: dict) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "jwks.json").write_text(json.dumps(jwks, ensure_ascii=False, indent=1), encoding="utf-8")
    (directory / "status_lists.json").write_text(json.dumps(status_lists, indent=1), encoding="utf-8")

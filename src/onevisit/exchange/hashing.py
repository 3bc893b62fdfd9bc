"""Canonical JSON and the hashes built on it: content hashes, request hashes, log row hashes.

Canonical JSON: keys sorted, no whitespace, UTF-8, non-ASCII kept. Datetimes are ISO 8601 in
UTC with microseconds, so the same instant always hashes the same on SQLite and PostgreSQL.
"""

import datetime
import functools
import hashlib
import hmac
import json
from typing import Any

from django.conf import settings

GENESIS_HASH = "0" * 64
# The columns a log row's hash covers, in a fixed order. Adding a column to the model does not
# change old hashes; adding one here does (and needs a new chain version).
LOG_HASHED_COLUMNS = (
    "id", "created_at", "consumer_id", "acting_user_id", "subject", "item", "fields", "purpose", "reference",
    "outcome", "error_code", "latency_ms", "record_count", "grant_id", "request_hash", "content_hash",
    "response_id", "chain_seq",
)


def _default(value: Any) -> Any:
    if isinstance(value, datetime.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(datetime.UTC)
        return value.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    raise TypeError(f"not canonical JSON: {type(value).__name__}")


def canonical_json(value: Any) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=_default).encode()


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


RESPONSE_KEY_SALT = "onevisit.exchange.response"


@functools.lru_cache(maxsize=4)
def _response_key(secret: str) -> bytes:
    # Derived as Django's salted_hmac derives its key, once per secret instead of once per call.
    return hashlib.sha256(RESPONSE_KEY_SALT.encode() + secret.encode()).digest()


def response_id_for(*, request_hash: str, content_hash: str) -> str:
    """An HMAC binding the request to the content returned: only the platform can mint one, and
    anyone holding the key can check that this content answered that request. The same value as
    ``salted_hmac(RESPONSE_KEY_SALT, f"{request_hash}:{content_hash}", algorithm="sha256")``."""
    key = _response_key(settings.SECRET_KEY)
    return hmac.digest(key, f"{request_hash}:{content_hash}".encode(), "sha256").hex()


def response_id_matches(*, response_id: str, request_hash: str, content_hash: str) -> bool:
    return hmac.compare_digest(response_id, response_id_for(request_hash=request_hash, content_hash=content_hash))


def log_row_content(row: dict[str, Any]) -> bytes:
    return canonical_json({column: row[column] for column in LOG_HASHED_COLUMNS})


def log_row_hash(*, prev_hash: str, row: dict[str, Any]) -> str:
    return sha256_hex(prev_hash.encode() + b"\n" + log_row_content(row))

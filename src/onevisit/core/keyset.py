"""Keyset (cursor) pagination: the next page starts after the last row's sort key, so a page
costs the same on page 1 and page 10,000 and no COUNT runs over the whole set.

This module holds the keys and the cursor format; the queries that walk a key order are written
where they run (``cases/queue_sql.py``). Orders put NULLs last in both directions on every
database (PostgreSQL's default for an ascending btree), so the same statement walks the same
order on SQLite and PostgreSQL. The last key must be unique and not null (the primary key).
"""

from __future__ import annotations

import base64
import datetime
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from onevisit.core.errors import ValidationFailed

MAX_CURSOR = 200
_DECODERS = {
    "int": int,
    "date": datetime.date.fromisoformat,
    "datetime": datetime.datetime.fromisoformat,
}


@dataclass(frozen=True)
class Key:
    field: str
    kind: str = "int"           # int / date / datetime: how the cursor value is read back
    descending: bool = False
    nullable: bool = False


@dataclass(frozen=True)
class Page:
    rows: list[dict[str, Any]]
    next_cursor: str | None


def encode(keys: Sequence[Key], row: dict[str, Any]) -> str:
    values = [row[key.field] for key in keys]
    text = json.dumps([v.isoformat() if isinstance(v, datetime.date) else v for v in values], separators=(",", ":"))
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def decode(keys: Sequence[Key], cursor: str) -> list[Any]:
    """The sort key a cursor carries; ValidationFailed (field ``cursor``) for anything else."""
    try:
        raw = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        if not isinstance(raw, list) or len(raw) != len(keys):
            raise ValueError(cursor)
        values = []
        for key, value in zip(keys, raw, strict=True):
            if value is None:
                if not key.nullable:
                    raise ValueError(cursor)
                values.append(None)
            elif key.kind == "int" and (not isinstance(value, int) or isinstance(value, bool) or abs(value) >= 2**63):
                raise ValueError(cursor)
            else:
                values.append(_DECODERS[key.kind](value) if key.kind != "int" else value)
        return values
    except (ValueError, TypeError, UnicodeDecodeError, json.JSONDecodeError):
        raise ValidationFailed.for_field("cursor", _("分页游标无效")) from None

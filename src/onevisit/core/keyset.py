"""Keyset (cursor) pagination: the next page starts after the last row's sort key, so a page
costs the same on page 1 and page 10,000 and no COUNT runs over the whole set.

Ordering puts NULLs last in both directions on every database (PostgreSQL's default for an
ascending btree), so the same filter walks the same order on SQLite and PostgreSQL. The last
key must be unique and not null (the primary key).
"""

from __future__ import annotations

import base64
import datetime
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connections
from django.db.models import F, Q, QuerySet
from django.db.models.expressions import OrderBy
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

    def order(self) -> OrderBy:
        """NULLs last for a nullable key; a key without NULLs orders plainly, so that an index
        in its default order (PostgreSQL: DESC means NULLS FIRST) can serve the page."""
        expression = F(self.field)
        if not self.nullable:
            return expression.desc() if self.descending else expression.asc()
        return expression.desc(nulls_last=True) if self.descending else expression.asc(nulls_last=True)


@dataclass(frozen=True)
class Page:
    rows: list[dict[str, Any]]
    next_cursor: str | None


def ordering(keys: Sequence[Key]) -> list[OrderBy]:
    return [key.order() for key in keys]


def _after(keys: Sequence[Key], values: Sequence[Any]) -> Q:
    """Rows strictly after ``values`` in the order of ``keys`` (NULLs last)."""
    if not keys:
        return Q(pk__in=[])  # nothing comes after an equal full key
    key, value, rest = keys[0], values[0], _after(keys[1:], values[1:])
    if value is None:  # inside the NULL tail: only NULLs with a later rest
        return Q(**{f"{key.field}__isnull": True}) & rest
    later = Q(**{f"{key.field}__{'lt' if key.descending else 'gt'}": value})
    if key.nullable:
        later |= Q(**{f"{key.field}__isnull": True})
    return later | (Q(**{key.field: value}) & rest)


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


def page(queryset: QuerySet, keys: Sequence[Key], *, cursor: str | None, limit: int) -> Page:
    """One page of a ``.values()`` queryset (which must select every key field) in key order."""
    queryset = queryset.order_by(*ordering(keys))
    if cursor:
        queryset = queryset.filter(_after(keys, decode(keys, cursor)))
    rows = list(queryset[: limit + 1])
    more = len(rows) > limit
    rows = rows[:limit]
    return Page(rows=rows, next_cursor=encode(keys, rows[-1]) if more and rows else None)


def _sorted(rows: list[dict[str, Any]], keys: Sequence[Key]) -> list[dict[str, Any]]:
    """Rows in key order, NULLs last, by stable sorts from the least significant key."""
    for key in reversed(keys):
        present = [r for r in rows if r[key.field] is not None]
        absent = [r for r in rows if r[key.field] is None]
        rows = sorted(present, key=lambda r, f=key.field: r[f], reverse=key.descending) + absent
    return rows


def merged_page(querysets: Sequence[QuerySet], keys: Sequence[Key], *, cursor: str | None, limit: int) -> Page:
    """One page over the union of disjoint ``querysets``, each read in key order up to a page.

    For a filter a database plans badly as one query (``A or B`` over different indexes), each
    part walks its own index and stops after ``limit + 1`` rows; the parts are merged here.
    """
    after = _after(keys, decode(keys, cursor)) if cursor else None
    parts = []
    for queryset in querysets:
        queryset = queryset.order_by(*ordering(keys))
        if after is not None:
            queryset = queryset.filter(after)
        parts.append(queryset[: limit + 1])
    if len(parts) > 1 and connections[parts[0].db].features.supports_slicing_ordering_in_compound:
        # One round trip: (part 1 ORDER BY … LIMIT n) UNION ALL (part 2 …) ORDER BY … LIMIT n.
        union = parts[0].union(*parts[1:], all=True).order_by(*ordering(keys))
        rows = list(union[: limit + 1])
    else:  # SQLite cannot order and limit the parts of a compound query
        rows = _sorted([row for part in parts for row in part], keys)
    more = len(rows) > limit
    rows = rows[:limit]
    return Page(rows=rows, next_cursor=encode(keys, rows[-1]) if more and rows else None)

"""Queue and search pages as one hand-written SQL statement each, read as tuples (``core.sql``).

Building the ORM query and reading rows into dicts cost more CPU than PostgreSQL took to answer
(bench/results/cases.json). One statement per page shape, prepared once per connection on
PostgreSQL, does everything a page needs in one round trip: the permission check (a case-handling
role), the page itself and the assignees' names. The to-do queue is its unclaimed part and its
part claimed by me, each an ordered index scan that stops after a page (cases_todo_free,
cases_todo_mine), joined by UNION ALL. The same SQL runs on SQLite, where the tests run.

Fixed values (statuses, roles) are written into the SQL, not bound: a partial index serves a
prepared statement only when its condition can be proved from the statement's text.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.db import connections

from onevisit.accounts.models import StaffRoleAssignment, User
from onevisit.cases.models import DONE_STATUSES, OPEN_STATUSES, Case, CaseStatus
from onevisit.cases.permissions import VIEW_ROLES
from onevisit.core import keyset, sql

COLUMNS = ("id", "reference", "status", "task", "task_name", "applicant_name", "channel", "immediate",
           "committed_due", "statutory_due", "opened_at", "decided_at", "assignee_id", "matter_id", "version")
# Positions in a row: COLUMNS, then the assignee's name and the times as the API writes them.
(ID, REFERENCE, STATUS, TASK, TASK_NAME, APPLICANT_NAME, CHANNEL, IMMEDIATE, COMMITTED_DUE, STATUTORY_DUE,
 OPENED_AT, DECIDED_AT, ASSIGNEE_ID, MATTER_ID, VERSION, ASSIGNEE_NAME, OPENED_AT_OUT, DECIDED_AT_OUT) = range(
    len(COLUMNS) + 3)

# Statuses an officer can still work on: what the to-do and unclaimed queues hold.
_WORKABLE = (CaseStatus.RECEIVED, CaseStatus.IN_PROGRESS)


def _in(values) -> str:
    return "(" + ", ".join(f"'{v}'" for v in values) + ")"  # our own constants, never input


# queue -> its parts, each a condition on the department's cases ("%(me)s": the officer's id).
PARTS: dict[str, tuple[str, ...]] = {
    "todo": (f"c.status IN {_in(_WORKABLE)} AND c.assignee_id IS NULL",
             f"c.assignee_id = %(me)s AND c.status IN {_in(_WORKABLE)}"),
    "mine": (f"c.assignee_id = %(me)s AND c.status IN {_in(OPEN_STATUSES)}",),
    "unclaimed": (f"c.status IN {_in(_WORKABLE)} AND c.assignee_id IS NULL",),
    "paused": (f"c.status IN {_in((CaseStatus.SUPPLEMENT, CaseStatus.SUSPENDED))}",),
    "waiting": (f"c.status = '{CaseStatus.WAITING}'",),
    "done": (f"c.status IN {_in(DONE_STATUSES)}",),
    "all": ("1 = 1",),
}


@dataclass(frozen=True)
class Search:
    """What a search box holds, as SQL: a reference prefix, or a name prefix (or a matter code)."""

    condition: str
    params: dict[str, Any]


def search(q: str, *, matter_ids: Sequence[int] = ()) -> Search | None:
    """The condition for ``q`` (already trimmed); None when there is nothing to search for.

    A name prefix is its first character (the cases_dept_surname index walks one surname's cases
    newest first) and, when longer, a LIKE on the whole prefix; ``matter_ids``, when ``q`` is a matter code,
    adds that matter's cases.
    """
    if not q:
        return None
    escaped = q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    if q.upper().startswith("APP-"):
        return Search("c.reference LIKE %(q)s ESCAPE '\\'", {"q": escaped.upper()})
    # One character (a surname) is the index's own condition; a longer prefix also needs the LIKE.
    by_name = "substr(c.applicant_name, 1, 1) = %(first)s"
    params: dict[str, Any] = {"first": q[:1]}
    if len(q) > 1:
        by_name = f"({by_name} AND c.applicant_name LIKE %(q)s ESCAPE '\\')"
        params["q"] = escaped
    if matter_ids:
        return Search(f"({by_name} OR c.matter_id IN ({', '.join(str(int(i)) for i in matter_ids)}))", params)
    return Search(by_name, params)


def _order(keys: Sequence[keyset.Key], alias: str) -> str:
    out = []
    for key in keys:
        direction = "DESC" if key.descending else "ASC"
        out.append(f"{alias}.{key.field} {direction}{' NULLS LAST' if key.nullable else ''}")
    return ", ".join(out)


def _after(keys: Sequence[keyset.Key], values: Sequence[Any]) -> str:
    """Rows strictly after the cursor's ``values`` (NULLs last); two keys, the last one the id."""
    first, last = keys
    if values[0] is None:
        return f"(c.{first.field} IS NULL AND c.{last.field} {'<' if last.descending else '>'} %(after_id)s)"
    compare = "<" if first.descending else ">"
    later = f"(c.{first.field}, c.{last.field}) {compare} (%(after_value)s, %(after_id)s)"
    return f"({later} OR c.{first.field} IS NULL)" if first.nullable else later


@cache
def _select_list() -> str:
    return ", ".join(f"c.{Case._meta.get_field(name).column}" for name in COLUMNS)


# Times leave the database as text, UTC, twice: to the microsecond for cursors
# ("2026-11-22T10:30:40.123456"; SQLite stores them so already, with a space) and as the API
# writes times (Django's JSON encoder: milliseconds unless they are 0, "Z"). Django's loader for
# PostgreSQL's timestamptz parses each value in Python with a regular expression; PostgreSQL
# writes both texts for less.
TIMES = ("opened_at", "decided_at")
_UTC = "p.{name} AT TIME ZONE 'UTC'"


def _time_columns(name: str, vendor: str) -> tuple[str, str]:
    """(full text, API text) of the time column ``name`` on ``vendor``."""
    if vendor != "postgresql":
        return f"p.{name}", f"p.{name}"  # api_time() writes the second one in Python
    utc = _UTC.format(name=name)
    full = f"""to_char({utc}, 'YYYY-MM-DD"T"HH24:MI:SS.US')"""
    out = (f"""CASE WHEN {utc} = date_trunc('second', {utc}) THEN to_char({utc}, 'YYYY-MM-DD"T"HH24:MI:SS"Z"') """
           f"""ELSE to_char({utc}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') END""")
    return full, out


def api_time(text: str | None) -> str | None:
    """A full UTC time text as the API writes times (the SQLite path; PostgreSQL does it in SQL)."""
    if text is None:
        return None
    if len(text) == 19 or text.endswith(".000000"):
        return f"{text[:10]}T{text[11:19]}Z"
    return f"{text[:10]}T{text[11:23]}Z"


@cache
def _outer_list(vendor: str) -> str:
    columns = [_time_columns(name, vendor)[0] if name in TIMES else f"p.{name}" for name in COLUMNS]
    return ", ".join([*columns, "u.full_name", *(_time_columns(name, vendor)[1] for name in TIMES)])


def statement(*, queue: str, keys: Sequence[keyset.Key], status: bool, search_condition: str | None,
              after: list[Any] | None, using: str = "default") -> str:
    """The SQL text of one page shape (its parameters are named: see :func:`page`)."""
    vendor = connections[using].vendor
    where = ["c.department_id = %(department)s"]
    if status:
        where.append("c.status = %(status)s")
    if search_condition:
        where.append(search_condition)
    if after is not None:
        where.append(_after(keys, after))
    inner_order = _order(keys, "c")
    # Only our own names and constants are formatted in (noqa: S608); every value is bound.
    parts = [f"SELECT * FROM (SELECT {_select_list()} FROM {sql.table(Case)} c "  # noqa: S608
             f"WHERE {' AND '.join([*where, part])} ORDER BY {inner_order} LIMIT %(inner_limit)s) part{i}"
             for i, part in enumerate(PARTS[queue])]
    return (f"SELECT {_outer_list(vendor)} "  # noqa: S608
            f"FROM ({' UNION ALL '.join(parts)}) p LEFT JOIN {sql.table(User)} u ON u.id = p.assignee_id "
            f"WHERE EXISTS (SELECT 1 FROM {sql.table(StaffRoleAssignment)} r "
            f"WHERE r.user_id = %(me)s AND r.role IN {_in(sorted(VIEW_ROLES))}) "
            f"ORDER BY {_order(keys, 'p')} LIMIT %(limit)s OFFSET %(offset)s")


@cache
def _converters(using: str) -> tuple[tuple[int, tuple], ...]:
    """Per column, what the ORM would apply to turn the database's value into Python's (SQLite:
    dates and booleans may come as text and integers). Times stay text (``TIMES``)."""
    out = []
    for index, name in enumerate(COLUMNS):
        if name in TIMES:
            continue
        converters = sql.converters(Case._meta.get_field(name), using)
        if converters:
            out.append((index, converters))
    return tuple(out)


def _adapt(value: Any, kind: str, using: str) -> Any:
    ops = connections[using].ops
    if kind == "date":
        return ops.adapt_datefield_value(value)
    if kind == "datetime":
        return ops.adapt_datetimefield_value(value)
    return value


def page(*, user: User, queue: str, keys: Sequence[keyset.Key], status: str = "", found: Search | None = None,
         after: list[Any] | None = None, limit: int, offset: int = 0, using: str = "default") -> list[tuple]:
    """Up to ``limit + 1`` rows of the department's ``queue`` after the cursor values ``after``
    (or ``offset`` rows in), each a tuple: ``COLUMNS`` (times as full text), the assignee's
    name, the times as the API writes them (``TIMES``). No rows for a user without a case-handling role in a department."""
    if not (user.is_officer and user.department_id):
        return []
    params: dict[str, Any] = {"department": user.department_id, "me": user.pk, "limit": limit + 1,
                              "offset": offset, "inner_limit": offset + limit + 1}
    if status:
        params["status"] = status
    if found:
        params.update(found.params)
    if after is not None:
        params["after_id"] = after[-1]
        if after[0] is not None:
            params["after_value"] = _adapt(after[0], keys[0].kind, using)
    text = statement(queue=queue, keys=keys, status=bool(status), search_condition=found.condition if found else None,
                     after=after, using=using)
    rows = sql.fetch(text, params, using=using)
    connection = connections[using]
    if connection.vendor == "postgresql":
        return rows
    converters = _converters(using)
    out = []
    for row in rows:
        row = list(row)
        for index, funcs in converters:
            field = Case._meta.get_field(COLUMNS[index])
            for func in funcs:
                row[index] = func(row[index], field, connection)
        for index, out_index in ((OPENED_AT, OPENED_AT_OUT), (DECIDED_AT, DECIDED_AT_OUT)):
            if isinstance(row[index], datetime.datetime):  # SQLite may hand back its text parsed already
                row[index] = row[index].replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")
            row[out_index] = api_time(row[index])
        out.append(tuple(row))
    return out

"""Queue rows as the API and the workbench show them, built from ``queue_sql`` tuples.

Everything a row adds to its columns comes from a table read once: the matter's code and name
(the catalogue's per-process table), the status and warning labels (once per language), and the
warning state with its working days left (once per due date and day, see ``deadlines``).
"""

from __future__ import annotations

import datetime
from functools import cache
from typing import Any

from django.utils.translation import get_language

from onevisit.cases import queue_sql as q
from onevisit.cases.deadlines import WARNING_LABELS, WarningClock, clock_today
from onevisit.cases.models import OPEN_STATUSES, CaseStatus
from onevisit.catalogue.selectors import matter_labels
from onevisit.core import keyset

_PAUSED = frozenset((CaseStatus.SUPPLEMENT, CaseStatus.SUSPENDED, CaseStatus.WAITING))
_OPEN = frozenset(OPEN_STATUSES)


@cache
def labels(language: str | None) -> tuple[dict[str, str], dict[str, str]]:
    """(status labels, warning labels) in ``language`` (the active one when the cache fills)."""
    return ({value: str(label) for value, label in CaseStatus.choices},
            {state: str(label) for state, label in WARNING_LABELS.items()})


def _time(text: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(text).replace(tzinfo=datetime.UTC)


def rows_out(rows: list[tuple], clock: WarningClock | None = None) -> list[dict[str, Any]]:
    """One dict per row, keyed as ``api.schemas.CaseRowOut`` names its output; times are
    text as the API writes them."""
    clock = clock or clock_today()
    status_labels, warning_labels = labels(get_language())
    matters = matter_labels(ids={r[q.MATTER_ID] for r in rows})
    warnings: dict[tuple, tuple[str, str, int | None]] = {}
    out = []
    for r in rows:
        status, due = r[q.STATUS], r[q.COMMITTED_DUE]
        warning = warnings.get((due, status))
        if warning is None:
            state, left = clock.warning_of(due=due, is_open=status in _OPEN, is_paused=status in _PAUSED)
            warning = warnings[(due, status)] = (state, warning_labels[state], left)
        code, name = matters.get(r[q.MATTER_ID], ("", ""))
        out.append({
            "reference": r[q.REFERENCE], "matter_code": code, "matter_name": name,
            "applicant_name": r[q.APPLICANT_NAME], "channel": r[q.CHANNEL], "status": status,
            "status_label": status_labels[status], "task": r[q.TASK], "task_name": r[q.TASK_NAME],
            "assignee": r[q.ASSIGNEE_NAME], "immediate": bool(r[q.IMMEDIATE]), "committed_due": due,
            "statutory_due": r[q.STATUTORY_DUE], "opened_at": r[q.OPENED_AT_OUT], "decided_at": r[q.DECIDED_AT_OUT],
            "warning": warning[0], "warning_label": warning[1], "days_left": warning[2], "version": r[q.VERSION],
        })
    return out


_KEY_COLUMNS = {"id": q.ID, "committed_due": q.COMMITTED_DUE, "opened_at": q.OPENED_AT, "decided_at": q.DECIDED_AT}


def cursor_after(keys: tuple[keyset.Key, ...], row: tuple) -> str:
    """The cursor of the page that starts after ``row``."""
    values = {}
    for key in keys:
        value = row[_KEY_COLUMNS[key.field]]
        values[key.field] = _time(value) if key.kind == "datetime" and value is not None else value
    return keyset.encode(keys, values)

"""Working-day arithmetic under China's holiday calendar (法定节假日 and 调休 swapped workdays).

Statutory and committed time limits count working days. ``chinesecalendar`` carries the State
Council's published schedules. A year it does not know yet (the schedule for next year is
published each November) can be supplied in ``data/calendar_supplement.json``; failing that the
year is computed provisionally (Monday to Friday minus the fixed-date holidays) and
``is_provisional`` says so, so a deadline is never refused, only marked as provisional.
"""

import datetime
import json
from functools import lru_cache
from pathlib import Path

import chinese_calendar
from django.utils.translation import gettext as _

from onevisit.core.errors import ValidationFailed

SUPPLEMENT_FILE = Path(__file__).parent / "data" / "calendar_supplement.json"
# Fixed-date statutory holidays (month, day) used for a year with no published schedule.
FIXED_HOLIDAYS = {(1, 1), (5, 1), (10, 1), (10, 2), (10, 3)}


@lru_cache(maxsize=1)
def _supplement() -> tuple[frozenset[datetime.date], frozenset[datetime.date], frozenset[int]]:
    if not SUPPLEMENT_FILE.exists():
        return frozenset(), frozenset(), frozenset()
    raw = json.loads(SUPPLEMENT_FILE.read_text(encoding="utf-8"))
    holidays = frozenset(datetime.date.fromisoformat(d) for d in raw.get("holidays", []))
    workdays = frozenset(datetime.date.fromisoformat(d) for d in raw.get("workdays", []))
    years = frozenset(int(y) for y in raw.get("years", []))
    return holidays, workdays, years


# The package's own is_workday() scans every holiday to find its supported year range on each
# call (about 1 ms); deadlines for many cases need far faster, so we read its published tables
# once and apply the same rule: a swapped workday works, otherwise Monday-Friday except holidays.
_HOLIDAYS = frozenset(chinese_calendar.holidays)
_SWAPPED_WORKDAYS = frozenset(chinese_calendar.workdays)
_PUBLISHED_YEARS = range(min(_HOLIDAYS).year, max(_HOLIDAYS).year + 1)


def _published(day: datetime.date) -> bool:
    return day.year in _PUBLISHED_YEARS


def is_provisional(day: datetime.date) -> bool:
    """True when no published schedule covers ``day``'s year."""
    return not _published(day) and day.year not in _supplement()[2]


def is_workday(day: datetime.date) -> bool:
    if _published(day):
        return day in _SWAPPED_WORKDAYS or (day.weekday() < 5 and day not in _HOLIDAYS)
    holidays, workdays, _years = _supplement()
    if day in workdays:
        return True
    if day in holidays:
        return False
    return day.weekday() < 5 and (day.month, day.day) not in FIXED_HOLIDAYS


def add_workdays(start: datetime.date, days: int) -> datetime.date:
    """The date ``days`` working days after ``start`` (``start`` itself is day 0).

    ``add_workdays(d, 0)`` is ``d`` when ``d`` is a working day, else the next working day: a
    matter accepted on a holiday starts counting on the next working day.
    """
    if days < 0:
        raise ValidationFailed.for_field("days", _("天数不能为负数"))
    current = start
    while not is_workday(current):
        current += datetime.timedelta(days=1)
    remaining = days
    while remaining:
        current += datetime.timedelta(days=1)
        if is_workday(current):
            remaining -= 1
    return current


def count_workdays(start: datetime.date, end: datetime.date) -> int:
    """Working days in the half-open interval (start, end]: days elapsed after ``start``.

    ``count_workdays(d, add_workdays(d, n)) == n`` for a working day ``d``. Negative when
    ``end`` is before ``start``.
    """
    if end < start:
        return -count_workdays(end, start)
    total = 0
    current = start
    while current < end:
        current += datetime.timedelta(days=1)
        if is_workday(current):
            total += 1
    return total

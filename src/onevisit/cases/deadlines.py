"""Case deadlines in working days (承诺时限 / 法定时限), paused while the applicant supplies
missing items or the case is suspended, moved by extensions, and their warning states.

The clock starts on the day the case can be handled (submission, or the day a prerequisite
result was issued); that day is day 0. Due dates are stored on the case, so queues sort and
colour by a date column and never run calendar arithmetic per row.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from onevisit.core.workdays import add_workdays, count_workdays

GREEN, YELLOW, RED, PAUSED, DONE, NONE = "green", "yellow", "red", "paused", "done", "none"
WARNING_LABELS = {GREEN: _("正常"), YELLOW: _("即将到期"), RED: _("已超期"), PAUSED: _("暂停计时"),
                  DONE: _("已办结"), NONE: _("未计时")}


def due_date(*, start: datetime.date, limit_days: int | None, paused_workdays: int = 0,
             extended_workdays: int = 0) -> datetime.date | None:
    """The due date ``limit_days`` working days after ``start``, moved by paused and extended days."""
    if limit_days is None:
        return None
    return add_workdays(start, limit_days + paused_workdays + extended_workdays)


def paused_days(*, since: datetime.date, until: datetime.date) -> int:
    """Working days lost while paused from ``since`` up to and including ``until``.

    A pause that starts and ends on the same day costs nothing; each working day after ``since``
    up to ``until`` moves the due date by one.
    """
    return max(count_workdays(since, until), 0)


def today() -> datetime.date:
    return timezone.localdate()


@dataclass(frozen=True)
class Warning:
    state: str
    days_left: int | None

    @property
    def label(self) -> str:
        return str(WARNING_LABELS[self.state])


class WarningClock:
    """Warning state for many cases at once: the calendar is consulted once per page, not per row.

    Red when today is after the due date; yellow when at most one working day is left (the due
    date is today or the next working day); green otherwise.
    """

    def __init__(self, on: datetime.date | None = None):
        self.today = on or today()
        self.next_workday = add_workdays(self.today, 1)
        self._memo: dict[tuple, tuple[str, int | None]] = {}

    def state(self, *, due: datetime.date | None, is_open: bool, is_paused: bool) -> str:
        if not is_open:
            return DONE
        if is_paused:
            return PAUSED
        if due is None:
            return NONE
        if due < self.today:
            return RED
        if due <= self.next_workday:
            return YELLOW
        return GREEN

    def warning(self, *, due: datetime.date | None, is_open: bool, is_paused: bool) -> Warning:
        state, left = self.warning_of(due=due, is_open=is_open, is_paused=is_paused)
        return Warning(state=state, days_left=left)

    def warning_of(self, *, due: datetime.date | None, is_open: bool, is_paused: bool) -> tuple[str, int | None]:
        """(state, working days left), computed once per due date and kind of status."""
        key = (due, is_open, is_paused)
        found = self._memo.get(key)
        if found is None:
            state = self.state(due=due, is_open=is_open, is_paused=is_paused)
            left = count_workdays(self.today, due) if due is not None and state in (GREEN, YELLOW, RED) else None
            if len(self._memo) > 10_000:  # due dates are a few years of days at most; stay bounded
                self._memo.clear()
            found = self._memo[key] = (state, left)
        return found


_clock: WarningClock | None = None


def clock_today() -> WarningClock:
    """The clock of today, kept by the process until the date changes (queue pages share it)."""
    global _clock
    on = today()
    if _clock is None or _clock.today != on:
        _clock = WarningClock(on)
    return _clock

"""Our fast working-day table must agree with chinesecalendar's own answer on every published day."""

import datetime

import chinese_calendar

from onevisit.core.workdays import is_workday


def test_every_published_day_matches_chinesecalendar():
    day = min(chinese_calendar.holidays)
    day = datetime.date(day.year, 1, 1)
    last = datetime.date(max(chinese_calendar.holidays).year, 12, 31)
    mismatches = []
    while day <= last:
        if is_workday(day) != chinese_calendar.is_workday(day):
            mismatches.append(day)
        day += datetime.timedelta(days=1)
    assert mismatches == []

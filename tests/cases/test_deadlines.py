"""Deadline arithmetic across the 2026 Spring Festival (holidays 15–23 February) and its
adjusted working Saturdays (14 and 28 February), as the State Council published them."""

import datetime

import pytest

from onevisit.cases import deadlines, services
from onevisit.cases.deadlines import GREEN, PAUSED, RED, YELLOW, WarningClock, due_date, paused_days
from onevisit.cases.models import Case

from .conftest import APPS_DATABASES, officer_of

D = datetime.date
FRI_BEFORE = D(2026, 2, 13)     # a Friday, the last ordinary working day before the holiday
WORKING_SAT = D(2026, 2, 14)    # Saturday, adjusted working day (调休上班)
FIRST_AFTER = D(2026, 2, 24)    # Tuesday, first working day after the holiday
SECOND_SAT = D(2026, 2, 28)     # Saturday, adjusted working day


def test_three_working_days_from_the_friday_count_the_saturday_and_skip_the_holiday():
    assert due_date(start=FRI_BEFORE, limit_days=3) == D(2026, 2, 25)  # Sat 14, Tue 24, Wed 25


def test_ten_working_days_cross_the_holiday_and_both_working_saturdays():
    # Fri 13, Sat 14, Tue 24 ... Fri 27, Sat 28, Mon 2, Tue 3, Wed 4
    assert due_date(start=D(2026, 2, 12), limit_days=10) == D(2026, 3, 4)


def test_a_case_opened_during_the_holiday_starts_counting_on_the_first_working_day():
    assert due_date(start=D(2026, 2, 17), limit_days=0) == FIRST_AFTER
    assert due_date(start=D(2026, 2, 17), limit_days=1) == D(2026, 2, 25)


def test_an_immediate_matter_is_due_the_same_working_day():
    assert due_date(start=WORKING_SAT, limit_days=0) == WORKING_SAT


def test_paused_working_days_skip_the_holiday():
    assert paused_days(since=FRI_BEFORE, until=D(2026, 2, 25)) == 3  # 14, 24, 25
    assert paused_days(since=D(2026, 2, 16), until=D(2026, 2, 23)) == 0  # paused only over holidays
    # Three working days due on Wed 25; paused three more: Thu 26, Fri 27, Sat 28 (adjusted).
    assert due_date(start=FRI_BEFORE, limit_days=3, paused_workdays=3) == SECOND_SAT


@pytest.mark.parametrize(("today", "due", "state"), [
    (FRI_BEFORE, FIRST_AFTER, GREEN),        # two working days left (Sat 14, Tue 24)
    (WORKING_SAT, FIRST_AFTER, YELLOW),      # the next working day after the Saturday is the due date
    (D(2026, 2, 20), FIRST_AFTER, YELLOW),   # during the holiday, due on the first working day
    (FIRST_AFTER, FIRST_AFTER, YELLOW),      # due today
    (D(2026, 2, 25), FIRST_AFTER, RED),
])
def test_warning_states_around_the_holiday(today, due, state):
    assert WarningClock(on=today).state(due=due, is_open=True, is_paused=False) == state


def test_a_paused_case_is_neither_yellow_nor_red():
    assert WarningClock(on=D(2026, 3, 30)).state(due=FIRST_AFTER, is_open=True, is_paused=True) == PAUSED


@pytest.mark.django_db(databases=APPS_DATABASES)
def test_a_supplement_over_the_holiday_moves_the_due_date_by_the_working_days_it_took(
        newborn_cases, apps_wang, monkeypatch):
    case = Case.objects.get(pk=newborn_cases["DEMO-M37"].pk)
    case.committed_days = 5
    case.clock_started_on = D(2026, 2, 12)
    case.committed_due = due_date(start=case.clock_started_on, limit_days=case.committed_days)
    case.save()
    officer = officer_of(case)
    monkeypatch.setattr(deadlines, "today", lambda: FRI_BEFORE)
    case = services.case_request_supplement(case=case, actor=officer, version=case.version,
                                            items=[{"name": "照片", "reason": "不清晰"}])
    assert case.paused_since == FRI_BEFORE
    monkeypatch.setattr(deadlines, "today", lambda: D(2026, 2, 25))
    case = services.case_supply(case=case, applicant=apps_wang, answers={"item1": "已上传新照片"}, files={})
    assert case.paused_workdays == 3
    assert case.committed_due == due_date(start=D(2026, 2, 12), limit_days=case.committed_days + 3)

"""Working days under China's holiday calendar, checked against the published 2025/2026 schedules
(State Council notices, as carried by chinesecalendar)."""

import datetime

import pytest

from onevisit.core.errors import ValidationFailed
from onevisit.core.workdays import add_workdays, count_workdays, is_provisional, is_workday

D = datetime.date


def test_an_ordinary_weekday_is_a_working_day_and_a_weekend_is_not():
    assert is_workday(D(2026, 3, 4))  # Wednesday
    assert not is_workday(D(2026, 3, 7))  # Saturday
    assert not is_workday(D(2026, 3, 8))  # Sunday


@pytest.mark.parametrize("day", [D(2026, 2, 15) + datetime.timedelta(days=n) for n in range(9)])
def test_every_day_of_the_2026_spring_festival_holiday_is_a_day_off(day):
    assert not is_workday(day)


@pytest.mark.parametrize("saturday", [D(2026, 2, 14), D(2026, 2, 28), D(2026, 10, 10), D(2025, 9, 28)])
def test_an_adjusted_working_weekend_day_counts_as_a_working_day(saturday):
    assert saturday.weekday() >= 5
    assert is_workday(saturday)


def test_adding_working_days_across_the_2026_spring_festival_skips_the_holiday():
    # Friday 13 Feb + 1 is the swapped working Saturday 14 Feb; +2 jumps the holiday to Tuesday 24 Feb.
    assert add_workdays(D(2026, 2, 13), 1) == D(2026, 2, 14)
    assert add_workdays(D(2026, 2, 13), 2) == D(2026, 2, 24)


def test_five_working_days_from_the_last_day_before_the_spring_festival_end_on_the_swapped_saturday():
    # 24, 25, 26, 27 Feb and the working Saturday 28 Feb.
    assert add_workdays(D(2026, 2, 14), 5) == D(2026, 2, 28)


def test_adding_working_days_across_national_day_2025_skips_the_golden_week():
    # 30 Sep 2025 (Tuesday); 1-8 Oct are off (National Day with Mid-Autumn); 11 Oct is a working Saturday.
    assert add_workdays(D(2025, 9, 30), 1) == D(2025, 10, 9)
    assert add_workdays(D(2025, 9, 30), 3) == D(2025, 10, 11)
    assert add_workdays(D(2025, 9, 30), 4) == D(2025, 10, 13)


def test_a_statutory_limit_of_twenty_working_days_over_national_day_2026():
    # Accepted Wednesday 30 Sep 2026; 1-7 Oct off, Saturday 10 Oct worked: 18 working days in
    # October after the 30th, then Monday 2 and Tuesday 3 November.
    assert add_workdays(D(2026, 9, 30), 20) == D(2026, 11, 3)


def test_zero_working_days_from_a_working_day_is_that_day():
    assert add_workdays(D(2026, 2, 13), 0) == D(2026, 2, 13)


def test_zero_working_days_from_a_holiday_rolls_forward_to_the_next_working_day():
    # An application accepted on the eve of the Spring Festival starts counting after it.
    assert add_workdays(D(2026, 2, 16), 0) == D(2026, 2, 24)
    assert add_workdays(D(2025, 10, 1), 0) == D(2025, 10, 9)


def test_counting_from_a_holiday_starts_on_the_next_working_day():
    assert add_workdays(D(2026, 2, 16), 1) == D(2026, 2, 25)


def test_a_negative_number_of_days_is_rejected():
    with pytest.raises(ValidationFailed) as exc_info:
        add_workdays(D(2026, 3, 2), -1)

    assert exc_info.value.details == [{"field": "days", "message": "天数不能为负数"}]


def test_working_days_between_two_dates_across_the_spring_festival():
    # (13 Feb, 2 Mar]: 14 Feb, 24-28 Feb, 2 Mar.
    assert count_workdays(D(2026, 2, 13), D(2026, 3, 2)) == 7


def test_counting_backwards_gives_a_negative_number():
    assert count_workdays(D(2026, 3, 2), D(2026, 2, 13)) == -7


@pytest.mark.parametrize("start", [D(2026, 2, 13), D(2025, 9, 30), D(2026, 9, 28), D(2025, 12, 31)])
@pytest.mark.parametrize("days", [0, 1, 2, 5, 15, 20, 60])
def test_count_workdays_is_the_inverse_of_add_workdays_from_a_working_day(start, days):
    assert count_workdays(start, add_workdays(start, days)) == days


def test_published_years_are_not_provisional():
    assert not is_provisional(D(2025, 6, 1))
    assert not is_provisional(D(2026, 12, 31))


def test_a_year_without_a_published_schedule_is_flagged_provisional():
    assert is_provisional(D(2027, 3, 1))


def test_a_provisional_year_is_still_computed_from_weekends_and_fixed_holidays():
    assert not is_workday(D(2027, 1, 1))  # New Year's Day, a Friday
    assert not is_workday(D(2027, 10, 1))  # National Day, a Friday
    assert add_workdays(D(2026, 12, 31), 1) == D(2027, 1, 4)
    assert count_workdays(D(2027, 3, 1), D(2027, 3, 8)) == 5


def test_a_limit_running_into_a_provisional_year_is_still_computed():
    deadline = add_workdays(D(2026, 12, 21), 20)

    assert deadline == D(2027, 1, 19)
    assert is_provisional(deadline)

"""Working-day deadlines: each case computes committed and statutory due dates."""

import datetime
import time

from onevisit.core.workdays import add_workdays, count_workdays

NAME = "workdays"
DESCRIPTION = "20-working-day deadlines computed per second, start dates spread over 2025-2026"


def run(ctx) -> dict:
    n = 5_000 if ctx.quick else 50_000
    starts = [datetime.date(2025, 1, 1) + datetime.timedelta(days=i % 700) for i in range(n)]
    started = time.perf_counter()
    for day in starts:
        add_workdays(day, 20)
    add_seconds = time.perf_counter() - started
    started = time.perf_counter()
    for day in starts:
        count_workdays(day, day + datetime.timedelta(days=30))
    count_seconds = time.perf_counter() - started
    return {
        "n": n,
        "add_workdays_20_per_s": round(n / add_seconds),
        "count_workdays_30d_per_s": round(n / count_seconds),
    }

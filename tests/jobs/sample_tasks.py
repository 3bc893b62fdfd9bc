"""Tasks used by the jobs tests. Imported by the tests, and by worker subprocesses through
`onevisit worker --import jobs.sample_tasks` / `celery worker --include jobs.sample_tasks`
(tests/ is put on their PYTHONPATH). Side effects go to files so that every process, and the
test, sees each run."""

import time
from pathlib import Path

from onevisit.jobs import task


def _append(path: str, line: str) -> None:
    # One short O_APPEND write per line: lines from concurrent runs never interleave.
    with Path(path).open("a", encoding="utf-8") as file:
        file.write(line + "\n")


@task(name="tests.append_line", max_attempts=3, backoff_seconds=0.05)
def append_line(*, path: str, line: str) -> None:
    _append(path, line)


@task(name="tests.always_fail", max_attempts=4, backoff_seconds=10)
def always_fail(*, reason: str) -> None:
    raise RuntimeError(reason)


@task(name="tests.always_fail_quickly", max_attempts=3, backoff_seconds=0.1, max_backoff_seconds=1)
def always_fail_quickly(*, reason: str) -> None:
    raise RuntimeError(reason)


@task(name="tests.slow_on_first_run", max_attempts=3, backoff_seconds=0.05)
def slow_on_first_run(*, path: str, seconds: float) -> None:
    """Writes "start" and "done"; only the first run sleeps (the one a test interrupts)."""
    first_run = not Path(path).exists()
    _append(path, "start")
    if first_run:
        time.sleep(seconds)
    _append(path, "done")

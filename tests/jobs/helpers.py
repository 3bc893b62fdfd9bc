"""Helpers shared by the jobs tests and their fixtures."""

import os
import time
from pathlib import Path

TESTS_DIR = Path(__file__).resolve().parent.parent


def subprocess_env(database_url: str, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="onevisit.conf.test",
        DATABASE_URL=database_url,
        ONEVISIT_TASK_BACKEND="database",
        PYTHONPATH=os.pathsep.join(filter(None, [str(TESTS_DIR), env.get("PYTHONPATH")])),
        LOG_LEVEL="INFO",
    )
    env.update(extra)
    return env


def wait_for(condition, *, timeout: float, what: str, interval: float = 0.05):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")

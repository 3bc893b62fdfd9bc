"""The task registry: every kind of background work has a name, a plain function and a retry policy.

A task is a plain function taking JSON-serialisable keyword arguments. Tasks run at least once:
a worker that dies after the function returned but before the result was recorded causes another
run, so a task must be safe to run twice (check before you write; use unique keys).
"""

from __future__ import annotations

import datetime
import inspect
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, ParamSpec, TypeVar

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext as _

from onevisit.jobs.errors import UnknownTask

if TYPE_CHECKING:
    from onevisit.jobs.models import Job

P = ParamSpec("P")
R = TypeVar("R")

DEFAULT_MAX_ATTEMPTS = 5
DEFAULT_BACKOFF_SECONDS = 30.0
DEFAULT_MAX_BACKOFF_SECONDS = 60 * 60.0
# Each delay gets up to this fraction added at random, so jobs that failed together (a provider
# was down) do not all come back in the same second; small enough that delays still grow.
JITTER = 0.25


@dataclass(frozen=True)
class Task(Generic[P, R]):
    name: str
    func: Callable[P, R] = field(repr=False)
    max_attempts: int = DEFAULT_MAX_ATTEMPTS
    backoff_seconds: float = DEFAULT_BACKOFF_SECONDS
    max_backoff_seconds: float = DEFAULT_MAX_BACKOFF_SECONDS
    # Periodic tasks: enqueued once per interval (see services.job_enqueue_periodic).
    every: datetime.timedelta | None = None

    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> R:
        """Run the function here and now, outside the queue (tests, shell)."""
        return self.func(*args, **kwargs)

    def enqueue(self, **kwargs: Any) -> Job:
        """Queue one run with ``kwargs`` in the caller's transaction; see services.job_enqueue."""
        from onevisit.jobs.services import job_enqueue

        return job_enqueue(task=self, kwargs=kwargs)

    def check_arguments(self, kwargs: dict[str, Any]) -> None:
        """Raise TypeError if the function cannot be called with exactly these keyword arguments."""
        inspect.signature(self.func).bind(**kwargs)

    def retry_delay(self, attempt: int) -> datetime.timedelta:
        """How long to wait after failed attempt number ``attempt`` (1-based): exponential + jitter."""
        base = self.backoff_seconds * (2 ** (attempt - 1))
        seconds = min(base * (1 + random.uniform(0, JITTER)), self.max_backoff_seconds)
        return datetime.timedelta(seconds=seconds)


_tasks: dict[str, Task[..., Any]] = {}


def task(
    *, name: str, max_attempts: int = DEFAULT_MAX_ATTEMPTS, backoff_seconds: float = DEFAULT_BACKOFF_SECONDS,
    max_backoff_seconds: float = DEFAULT_MAX_BACKOFF_SECONDS, every: datetime.timedelta | None = None,
) -> Callable[[Callable[P, R]], Task[P, R]]:
    """Register the decorated function as the task ``name`` (``"<app>.<verb>_<object>"``).

    The name, not the Python path, is what is stored in the Job table, so a function can move
    between modules without stranding queued jobs; renaming a task does strand them.
    """
    if max_attempts < 1:
        raise ImproperlyConfigured(f"task {name}: max_attempts must be at least 1")
    if every is not None and every.total_seconds() < 1:
        raise ImproperlyConfigured(f"task {name}: every must be at least one second")

    def register(func: Callable[P, R]) -> Task[P, R]:
        existing = _tasks.get(name)
        if existing is not None and _qualified(existing.func) != _qualified(func):
            raise ImproperlyConfigured(
                f"task name {name} is used by both {_qualified(existing.func)} and {_qualified(func)}"
            )
        registered: Task[P, R] = Task(
            name=name, func=func, max_attempts=max_attempts, backoff_seconds=backoff_seconds,
            max_backoff_seconds=max_backoff_seconds, every=every,
        )
        _tasks[name] = registered
        return registered

    return register


def _qualified(func: Callable[..., Any]) -> str:
    # The last module segment only: a module imported under two names (a test helper on
    # sys.path and as a package member) re-registers the same function, which is fine.
    return f"{func.__module__.rsplit('.', 1)[-1]}.{func.__qualname__}"


def get_task(name: str) -> Task[..., Any]:
    """The task registered as ``name``. Raises UnknownTask."""
    try:
        return _tasks[name]
    except KeyError:
        raise UnknownTask(_("未注册的后台任务：%(name)s") % {"name": name}, details={"task": name}) from None


def registered_tasks() -> list[Task[..., Any]]:
    return sorted(_tasks.values(), key=lambda t: t.name)


def periodic_tasks() -> list[Task[..., Any]]:
    return [t for t in registered_tasks() if t.every is not None]

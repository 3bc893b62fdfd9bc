"""Per-consumer fixed-window rate limit for the gateway.

Counters live where ``ONEVISIT_EXCHANGE_RATE_CACHE`` (a name in ``CACHES``, default
``default``) says:

- a shared cache (Redis, Memcached, the database): ``cache.add`` then ``cache.incr``, atomic in
  every backend, so the limit holds for the whole cluster at one round trip per call;
- Django's in-process ``LocMemCache`` (the default when ``CACHES`` is not set): each process
  counts on its own anyway (a consumer gets up to N x the limit over N processes), so the count
  is kept in a plain dict under a lock instead, without the cache's pickling and key
  bookkeeping, which cost more than every other gateway check together (bench/README.md).
"""

import threading
import time

from django.conf import settings
from django.core.cache import caches
from django.utils.translation import gettext as _

from onevisit.core.throttle import over_budget, window_count

DEFAULT_LIMIT = 3000  # calls per window per consumer
DEFAULT_WINDOW_SECONDS = 1
LOCMEM = "django.core.cache.backends.locmem.LocMemCache"


class _ProcessCounts:
    """Calls per (consumer, window) in this process; windows before the current one are dropped."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._window = -1
        self._counts: dict[int, int] = {}

    def hit(self, consumer_id: int, window_index: int) -> int:
        with self._lock:
            if window_index != self._window:
                if window_index < self._window:  # a clock step back: count it in the current window
                    window_index = self._window
                else:
                    self._window, self._counts = window_index, {}
            count = self._counts.get(consumer_id, 0) + 1
            self._counts[consumer_id] = count
            return count

    def reset(self) -> None:
        with self._lock:
            self._window, self._counts = -1, {}


_process_counts = _ProcessCounts()


def reset_process_counts() -> None:
    """Forget this process's counts (tests)."""
    _process_counts.reset()


def _count(consumer_id: int, window_index: int, window: int) -> int:
    name = getattr(settings, "ONEVISIT_EXCHANGE_RATE_CACHE", "default")
    if settings.CACHES.get(name, {}).get("BACKEND", "") == LOCMEM:
        return _process_counts.hit(consumer_id, window_index)
    return window_count(caches[name], f"ov:exchange:rate:{consumer_id}:{window_index}", timeout=window * 2 + 1)


def rate_limit_hit(*, consumer_id: int, now: float | None = None) -> None:
    """Count one call for the consumer; raise RateLimited once over the window's limit."""
    limit = getattr(settings, "ONEVISIT_EXCHANGE_RATE_LIMIT", DEFAULT_LIMIT)
    if not limit:
        return
    window = getattr(settings, "ONEVISIT_EXCHANGE_RATE_WINDOW_SECONDS", DEFAULT_WINDOW_SECONDS)
    now = time.time() if now is None else now
    window_index = int(now // window)
    if _count(consumer_id, window_index, window) > limit:
        raise over_budget(_("本部门调用过于频繁，请 %(seconds)s 秒后重试。"), limit=limit, window=window_index,
                          window_seconds=window, now=now)

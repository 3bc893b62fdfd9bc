"""Request budgets per client for endpoints anyone may call without logging in (公开接口限流).

A budget is ``limit`` calls per fixed window of ``window_seconds`` for one client in one scope,
counted in Django's default cache: per process with the in-process cache, for the whole cluster
when ``CACHES`` points at a shared one (Redis). The client is the connecting address, or, behind
a proxy, the header named by ``ONEVISIT_CLIENT_ADDRESS_HEADER`` (for example
``HTTP_X_REAL_IP``, set by the proxy itself; never a header the client can choose freely).
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils.translation import gettext as _

from onevisit.core.errors import RateLimited


def client_address(request: HttpRequest) -> str:
    header = getattr(settings, "ONEVISIT_CLIENT_ADDRESS_HEADER", "REMOTE_ADDR")
    value = request.META.get(header) or request.META.get("REMOTE_ADDR") or "unknown"
    return value.split(",", 1)[0].strip()[:64]


def window_count(cache, key: str, *, timeout: int) -> int:
    """Add one to the counter ``key`` in ``cache`` (created at 0, living ``timeout`` seconds) and
    return it: ``add`` then ``incr``, atomic in every backend."""
    cache.add(key, 0, timeout=timeout)
    try:
        return cache.incr(key)
    except ValueError:  # evicted between add and incr: start over
        cache.set(key, 1, timeout=timeout)
        return 1


def over_budget(message: str, *, limit: int, window: int, window_seconds: int, now: float) -> RateLimited:
    """The 429 for a client over ``limit`` in fixed window number ``window``; ``message`` takes
    ``%(seconds)s``, the wait until the next window."""
    retry_after = max(1, int((window + 1) * window_seconds - now + 0.999))
    return RateLimited(message % {"seconds": retry_after},
                       details={"limit": limit, "window_seconds": window_seconds, "retry_after": retry_after})


def throttle_hit(*, scope: str, client: str, limit: int, window_seconds: int, now: float | None = None) -> None:
    """Count one call; raise RateLimited (429, details: limit, window_seconds, retry_after) once
    the client is over its budget in this window. ``limit`` 0 means no budget."""
    if not limit:
        return
    now = time.time() if now is None else now
    window = int(now // window_seconds)
    if window_count(cache, f"ov:throttle:{scope}:{client}:{window}", timeout=window_seconds * 2) > limit:
        raise over_budget(_("操作过于频繁，请 %(seconds)s 秒后再试。"), limit=limit, window=window,
                          window_seconds=window_seconds, now=now)

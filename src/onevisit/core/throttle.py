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


def throttle_hit(*, scope: str, client: str, limit: int, window_seconds: int, now: float | None = None) -> None:
    """Count one call; raise RateLimited (429, details: limit, window_seconds, retry_after) once
    the client is over its budget in this window. ``limit`` 0 means no budget."""
    if not limit:
        return
    now = time.time() if now is None else now
    window = int(now // window_seconds)
    key = f"ov:throttle:{scope}:{client}:{window}"
    cache.add(key, 0, timeout=window_seconds * 2)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.set(key, 1, timeout=window_seconds * 2)
        count = 1
    if count > limit:
        retry_after = max(1, int((window + 1) * window_seconds - now + 0.999))
        raise RateLimited(
            _("操作过于频繁，请 %(seconds)s 秒后再试。") % {"seconds": retry_after},
            details={"limit": limit, "window_seconds": window_seconds, "retry_after": retry_after},
        )

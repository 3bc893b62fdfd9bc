"""Per-consumer fixed-window rate limit for the gateway.

Counters live in Django's cache: ``cache.add`` then ``cache.incr``, both atomic in every
backend. With the default in-process cache each process counts on its own (a consumer gets up
to N x the limit over N processes); configure a shared cache (Redis) in ``CACHES`` and the same
code counts for the whole cluster, one round trip per call.
"""

import time

from django.conf import settings
from django.core.cache import caches
from django.utils.translation import gettext as _

from onevisit.core.errors import RateLimited

DEFAULT_LIMIT = 3000  # calls per window per consumer
DEFAULT_WINDOW_SECONDS = 1


def rate_limit_hit(*, consumer_id: int, now: float | None = None) -> None:
    """Count one call for the consumer; raise RateLimited once over the window's limit."""
    limit = getattr(settings, "ONEVISIT_EXCHANGE_RATE_LIMIT", DEFAULT_LIMIT)
    window = getattr(settings, "ONEVISIT_EXCHANGE_RATE_WINDOW_SECONDS", DEFAULT_WINDOW_SECONDS)
    if not limit:
        return
    now = time.time() if now is None else now
    window_index = int(now // window)
    cache = caches[getattr(settings, "ONEVISIT_EXCHANGE_RATE_CACHE", "default")]
    key = f"ov:exchange:rate:{consumer_id}:{window_index}"
    cache.add(key, 0, timeout=window * 2 + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted between add and incr: start over
        cache.set(key, 1, timeout=window * 2 + 1)
        count = 1
    if count > limit:
        retry_after = max(1, int((window_index + 1) * window - now + 0.999))
        raise RateLimited(
            _("本部门调用过于频繁，请 %(seconds)s 秒后重试。") % {"seconds": retry_after},
            details={"limit": limit, "window_seconds": window, "retry_after": retry_after},
        )

"""What the sharing gateway keeps per process between calls, and when it forgets it.

- ``grants``: a consumer's decided grants on an item (with the item), the gateway's one lookup.
  (The user an API token authenticates is kept by ``accounts.token_cache``, for every API.)

Grants live ``ONEVISIT_EXCHANGE_CACHE_SECONDS`` (default 2 s). A change made through the ORM in
this process (``services.grant_revoke``, ``grant_decide``, the admin, a user or department
saved ...) clears this process's cache when its transaction commits; other processes see it once
their entry ages out, so a revoked grant stops working everywhere within that many seconds.
Expiry needs no cache: ``AccessGrant.is_live`` compares ``expires_at`` with the time of each call.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from onevisit.core.ttl_cache import TTLCache

SETTING = "ONEVISIT_EXCHANGE_CACHE_SECONDS"
DEFAULT_SECONDS = 2.0

grants: TTLCache = TTLCache(SETTING, DEFAULT_SECONDS)


def forget_all() -> None:
    grants.clear()


def _changed(sender, **kwargs) -> None:
    # After the commit: clearing earlier would let a call in between cache the old state again.
    transaction.on_commit(forget_all, using=kwargs.get("using"))


def connect_signals() -> None:
    """Called from ``ExchangeConfig.ready``."""
    from onevisit.accounts.models import ApiToken, Department, User
    from onevisit.exchange.models import AccessGrant, DataField, DataItem

    for model in (AccessGrant, DataItem, DataField, ApiToken, User, Department):
        post_save.connect(_changed, sender=model, dispatch_uid=f"exchange.caching.{model.__name__}.save")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"exchange.caching.{model.__name__}.delete")

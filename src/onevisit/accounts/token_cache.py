"""The user an API token authenticates, kept per process for a few seconds.

Every call by a system starts with its token: reading it (with its user and department) was one
of the three database round trips of a cases API page and one of two of a gateway call. A token
revoked, a user deactivated or a department changed through the ORM in this process clears the
cache when its transaction commits; another process sees it once its entry is
``ONEVISIT_TOKEN_CACHE_SECONDS`` old (default 2; 0 turns the cache off). So a revoked token stops
working everywhere within that many seconds.

Callers get their own copy of the cached user: a request may set attributes on ``request.user``,
and the next request must not see them.
"""

from __future__ import annotations

import copy

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from onevisit.core.ttl_cache import TTLCache

SETTING = "ONEVISIT_TOKEN_CACHE_SECONDS"
DEFAULT_SECONDS = 2.0

token_users: TTLCache = TTLCache(SETTING, DEFAULT_SECONDS, keep=lambda user: user is not None)


def token_user(key: str):
    """The active user ``key`` authenticates (a copy of the cached one), or None."""
    from onevisit.accounts.services import api_token_authenticate

    if not key:
        return None
    user = token_users.get(key, lambda: api_token_authenticate(key=key))
    return copy.copy(user) if user is not None else None


def forget() -> None:
    token_users.clear()


def _changed(sender, **kwargs) -> None:
    transaction.on_commit(forget, using=kwargs.get("using"))


def connect_signals() -> None:
    """Called from ``AccountsConfig.ready``."""
    from onevisit.accounts.models import ApiToken, Department, User

    for model in (ApiToken, User, Department):
        post_save.connect(_changed, sender=model, dispatch_uid=f"accounts.token_cache.{model.__name__}.save")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"accounts.token_cache.{model.__name__}.delete")

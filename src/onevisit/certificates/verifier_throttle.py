"""Budgets for the verifier's anonymous callers: every request made and every check done writes a
row (the request, the audit of the check), so one client cannot make them without end.

Staff of a department (logged in to the workbench, or through the API with their session) are
not limited here. ``ONEVISIT_VERIFIER_ANONYMOUS_LIMITS`` overrides the budgets: a dict of scope
to (calls, window seconds).
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from onevisit.core.throttle import client_address, throttle_hit

LIMITS = {
    "request": (30, 600),  # verifier requests (one-time codes) per 10 minutes
    "verify": (120, 600),  # presentations checked per 10 minutes
}


def verifier_throttle(request: HttpRequest, scope: str) -> None:
    """Raise RateLimited when an anonymous client is over its budget for ``scope``."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and getattr(user, "is_officer", False):
        return
    limit, window = {**LIMITS, **getattr(settings, "ONEVISIT_VERIFIER_ANONYMOUS_LIMITS", {})}[scope]
    throttle_hit(scope=f"verifier.{scope}", client=client_address(request), limit=limit, window_seconds=window)

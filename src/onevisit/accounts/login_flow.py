"""Two-step login kept in the session: the password step names a pending user, the second
factor (SMS-style code for citizens, TOTP for officers who enabled it) finishes the login.
Nothing is logged in until the second step passes."""

import time

from django.contrib.auth import login
from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme

from onevisit.accounts.models import User

PENDING_KEY = "onevisit.pending_login"
PENDING_SECONDS = 600


def pending_start(request: HttpRequest, *, user: User, realm: str, next_url: str) -> None:
    request.session.cycle_key()
    request.session[PENDING_KEY] = {
        "user": user.pk, "realm": realm, "backend": user.backend, "next": next_url, "at": time.time(),
    }


def pending_user(request: HttpRequest, *, realm: str) -> User | None:
    data = request.session.get(PENDING_KEY)
    if not data or data.get("realm") != realm or time.time() - data.get("at", 0) > PENDING_SECONDS:
        return None
    return User.objects.filter(pk=data["user"], is_active=True).first()


def pending_finish(request: HttpRequest, *, user: User) -> str:
    data = request.session.pop(PENDING_KEY)
    login(request, user, backend=data["backend"])
    return data["next"]


def safe_next(request: HttpRequest, default: str) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(candidate, {request.get_host()}, request.is_secure()):
        return candidate
    return default

"""Two-step login kept in the session: the password step names a pending user, the second
factor (SMS-style code for citizens, TOTP for officers who enabled it) finishes the login.
Nothing is logged in until the second step passes."""

import time

from django.conf import settings
from django.contrib.auth import login
from django.contrib.auth.signals import user_login_failed
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


def second_factor_failed(request: HttpRequest, *, user: User) -> bool:
    """Record a wrong second-factor code. Returns True when the pending login is abandoned.

    The failure also counts towards the account's lockout (django-axes listens to
    ``user_login_failed``), so guessing codes locks the account like guessing passwords does.
    """
    user_login_failed.send(sender=__name__, credentials={"username": user.username}, request=request)
    data = request.session[PENDING_KEY]
    data["failures"] = data.get("failures", 0) + 1
    request.session.modified = True
    if data["failures"] >= settings.ONEVISIT_OTP_MAX_ATTEMPTS:
        del request.session[PENDING_KEY]
        return True
    return False


def pending_finish(request: HttpRequest, *, user: User) -> str:
    data = request.session.pop(PENDING_KEY)
    login(request, user, backend=data["backend"])
    return data["next"]


def safe_next(request: HttpRequest, default: str) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(candidate, {request.get_host()}, request.is_secure()):
        return candidate
    return default

"""Which providers exist and how each is reached, from settings and the environment.

``settings.ONEVISIT_PROVIDERS`` maps a provider code to its entry::

    {"transport": "http", "base_url": "https://rk.example.gov.cn/registries/population/",
     "client_id": "platform", "client_secret_env": "POPULATION_CLIENT_SECRET", "timeout": 3}

Every installed registry app (``onevisit.registries.<code>``) that has a ``provider`` module is
a provider even when not listed, reached in-process. The environment switches one registry to
HTTP without touching settings: ``ONEVISIT_PROVIDER_<CODE>_URL`` (plus optional
``_CLIENT_ID``, ``_TIMEOUT``; the secret is read from ``ONEVISIT_PROVIDER_<CODE>_SECRET``).
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Mapping
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

REGISTRY_PACKAGE = "onevisit.registries"
DEFAULT_TIMEOUT = 3.0


def installed_registries() -> list[str]:
    """Codes of the installed registry apps that publish a provider (``<app>.provider``)."""
    codes = []
    for app in apps.get_app_configs():
        package, _, code = app.name.rpartition(".")
        if package == REGISTRY_PACKAGE and importlib.util.find_spec(f"{app.name}.provider") is not None:
            codes.append(code)
    return sorted(codes)


def _env_entry(code: str, environ: Mapping[str, str]) -> dict[str, Any]:
    prefix = f"ONEVISIT_PROVIDER_{code.upper()}_"
    url = environ.get(prefix + "URL", "").strip()
    if not url:
        return {}
    entry: dict[str, Any] = {
        "transport": "http",
        "base_url": url,
        "client_id": environ.get(prefix + "CLIENT_ID", "platform"),
        "client_secret_env": prefix + "SECRET",
    }
    if environ.get(prefix + "TIMEOUT"):
        entry["timeout"] = environ[prefix + "TIMEOUT"]
    return entry


def provider_configs(environ: Mapping[str, str] | None = None) -> dict[str, dict[str, Any]]:
    """Effective entry per provider code: installed registries in-process, then settings,
    then the environment, each overriding the one before for the keys it names."""
    environ = os.environ if environ is None else environ
    configured = getattr(settings, "ONEVISIT_PROVIDERS", {}) or {}
    if not isinstance(configured, Mapping):
        raise ImproperlyConfigured("ONEVISIT_PROVIDERS must be a dict: provider code -> entry")
    default_timeout = float(getattr(settings, "ONEVISIT_PROVIDER_TIMEOUT", DEFAULT_TIMEOUT))
    codes = set(installed_registries()) | set(configured)
    codes |= _env_codes(environ)
    result: dict[str, dict[str, Any]] = {}
    for code in sorted(codes):
        entry: dict[str, Any] = {"transport": "inprocess", "timeout": default_timeout}
        from_settings = configured.get(code, {})
        if not isinstance(from_settings, Mapping):
            raise ImproperlyConfigured(f"ONEVISIT_PROVIDERS[{code!r}] must be a dict")
        if from_settings.get("transport", "inprocess") != "inprocess":
            entry = {"timeout": default_timeout}  # in-process defaults make no sense elsewhere
        entry.update(from_settings)
        from_env = _env_entry(code, environ)
        if from_env:
            entry = {"timeout": entry.get("timeout", default_timeout)} | from_env
        result[code] = entry
    return result


def _env_codes(environ: Mapping[str, str]) -> set[str]:
    # ONEVISIT_PROVIDER_SOCIAL_INSURANCE_URL names provider "social_insurance".
    codes = set()
    for key, value in environ.items():
        if key.startswith("ONEVISIT_PROVIDER_") and key.endswith("_URL") and value.strip():
            code = key[len("ONEVISIT_PROVIDER_"):-len("_URL")].lower()
            if code:
                codes.add(code)
    return codes

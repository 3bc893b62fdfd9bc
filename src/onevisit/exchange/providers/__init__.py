"""Providers: how the exchange reaches each registry, whatever the transport.

    from onevisit.exchange.providers import get_provider, all_providers

    result = get_provider("population").query(Query(item="population.hukou", subject=id_number),
                                              timeout=2.0)

Every call either returns a complete :class:`~onevisit.registries.contract.QueryResult` within
its timeout or raises a :class:`~onevisit.registries.contract.ProviderError` subclass. Which
transport serves a provider is configuration (:mod:`.config`); transports are adapter classes
in a plugin registry (:mod:`.registry`). See docs/providers.md.
"""

from __future__ import annotations

import importlib
import threading

from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.dispatch import receiver

from onevisit.registries.contract import Provider

from . import http_transport, inprocess  # noqa: F401 - register the built-in transports
from .base import ProviderAdapter, UnknownProvider
from .config import provider_configs
from .registry import register_transport, transports

__all__ = [
    "ProviderAdapter", "UnknownProvider", "all_providers", "build_provider", "get_provider",
    "register_transport", "reset_providers", "transports",
]

_lock = threading.Lock()
_providers: dict[str, ProviderAdapter] = {}


def build_provider(code: str, config: dict) -> ProviderAdapter:
    """A new adapter for one settings entry (``get_provider`` caches what this builds)."""
    if config.get("module"):
        importlib.import_module(config["module"])  # where a custom transport registers itself
    transport = config.get("transport", "")
    if transport not in transports:
        raise ImproperlyConfigured(
            f"provider {code}: unknown transport {transport!r} (registered: {', '.join(transports)})"
        )
    return transports[transport](code, config)


def get_provider(code: str) -> Provider:
    """The provider for ``code``, built once and reused (its connection pool with it).

    Raises :class:`UnknownProvider` when no provider is configured under ``code``, and
    ``ImproperlyConfigured`` for a broken settings entry."""
    with _lock:
        provider = _providers.get(code)
        if provider is None:
            configs = provider_configs()
            if code not in configs:
                raise UnknownProvider(f"no provider is configured as {code!r}", provider=code)
            provider = _providers[code] = build_provider(code, configs[code])
        return provider


def all_providers() -> list[Provider]:
    """Every configured provider, by code."""
    return [get_provider(code) for code in provider_configs()]


def reset_providers() -> None:
    """Forget built providers and close their pools; the next call reads settings and the
    environment again. Settings changes made with ``override_settings`` do this by themselves."""
    with _lock:
        built = list(_providers.values())
        _providers.clear()
    for provider in built:
        provider.close()


@receiver(setting_changed)
def _settings_changed(sender, setting: str, **kwargs) -> None:
    if setting.startswith("ONEVISIT_PROVIDER") or setting in ("INSTALLED_APPS", "ONEVISIT_REGISTRY_DEMO_SECRET"):
        reset_providers()

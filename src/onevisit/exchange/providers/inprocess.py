"""The in-process transport: the demo default. Calls a registry's ``RegistryProvider`` in this
process, but keeps the promises of a remote call: a bounded timeout, typed errors only, and the
registry's database being down is :class:`ProviderUnavailable`, not a crash."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db import Error as DatabaseError
from django.db import connections
from django.utils.module_loading import import_string

from onevisit.registries.contract import (
    ItemSpec,
    ProviderUnavailable,
    Query,
    QueryResult,
    RegistryProvider,
)

from .base import ProviderAdapter
from .config import REGISTRY_PACKAGE
from .registry import register_transport


@register_transport("inprocess")
class InProcessProvider(ProviderAdapter):
    """Options: ``registry`` (dotted path of a ``RegistryProvider``; default
    ``onevisit.registries.<code>.provider.PROVIDER``), ``share_caller_connections`` (tests only:
    the worker thread uses the caller's database connections, so a test's uncommitted registry
    data is visible; do not combine with a test that lets a call time out while using them)."""

    options = frozenset({"registry", "share_caller_connections"})

    def __init__(self, code: str, config: Mapping[str, Any], *, registry: RegistryProvider | None = None) -> None:
        super().__init__(code, config)
        self._registry = registry
        self.share_caller_connections = bool(config.get("share_caller_connections", False))

    @property
    def registry(self) -> RegistryProvider:
        if self._registry is None:
            path = self.config.get("registry") or f"{REGISTRY_PACKAGE}.{self.code}.provider.PROVIDER"
            try:
                registry = import_string(path)
            except ImportError as exc:
                raise ImproperlyConfigured(f"provider {self.code}: cannot import {path}: {exc}") from exc
            if not isinstance(registry, RegistryProvider):
                raise ImproperlyConfigured(f"provider {self.code}: {path} is not a RegistryProvider")
            self._registry = registry
        return self._registry

    def items(self) -> tuple[ItemSpec, ...]:
        return self.registry.items()

    def query(self, query: Query, *, timeout: float | None = None) -> QueryResult:
        registry = self.registry

        def call() -> QueryResult:
            try:
                return registry.query(query)
            except DatabaseError as exc:
                # OperationalError (server gone, file unreadable), ProgrammingError (registry
                # not migrated) ...: the registry cannot answer now; nothing is returned.
                raise ProviderUnavailable(
                    f"{self.code}: registry database error: {type(exc).__name__}: {exc}", provider=self.code,
                    details={"error": type(exc).__name__},
                ) from exc

        shared = connections.all(initialized_only=True) if self.share_caller_connections else ()
        return self.caller.call(call, timeout=self.effective_timeout(timeout), shared_connections=shared)

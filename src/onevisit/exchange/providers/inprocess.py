"""The in-process transport: the demo default. Calls a registry's ``RegistryProvider`` in this
process, but keeps the promises of a remote call: a bounded timeout, typed errors only, and the
registry's database being down is :class:`ProviderUnavailable`, not a crash.

Two ways to bound the call (option ``bound``):

- ``thread``: the call runs on a pooled worker thread and the caller stops waiting at the
  timeout (``bounded.py``). Works for any handler, including Python that hangs.
- ``database``: the call runs in the caller's thread, and the registry's own PostgreSQL
  connection carries ``statement_timeout`` equal to the timeout, so a slow query is cancelled by
  the server (``QueryCanceled`` -> :class:`ProviderTimeout`) and connecting is bounded by
  ``connect_timeout``. No thread hop: handing every call to another thread cost more than the
  lookup (bench/results/exchange.json). Only for handlers whose time is spent in SQL on the
  registry's alias, as the built-in registries' is.
- ``auto`` (default): ``database`` for a built-in registry whose alias is PostgreSQL, else
  ``thread``.
"""

from __future__ import annotations

import logging
import weakref
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db import Error as DatabaseError
from django.db import connections
from django.utils.module_loading import import_string

from onevisit.registries.contract import (
    ItemSpec,
    ProviderError,
    ProviderTimeout,
    ProviderUnavailable,
    Query,
    QueryResult,
    RegistryProvider,
)
from onevisit.registries.router import REGISTRY_LABEL_PREFIX as REGISTRY_ALIAS_PREFIX

from .base import ProviderAdapter
from .config import REGISTRY_PACKAGE
from .registry import register_transport

log = logging.getLogger(__name__)
BOUNDS = ("auto", "thread", "database")
# The statement_timeout (ms) each raw registry connection was last given: SET once per connection.
_statement_timeouts: weakref.WeakKeyDictionary[Any, int] = weakref.WeakKeyDictionary()


def _is_query_canceled(exc: BaseException) -> bool:
    # Django re-raises psycopg's QueryCanceled (SQLSTATE 57014) as OperationalError.
    cause = exc.__cause__
    return getattr(cause, "sqlstate", None) == "57014"


@register_transport("inprocess")
class InProcessProvider(ProviderAdapter):
    """Options: ``registry`` (dotted path of a ``RegistryProvider``; default
    ``onevisit.registries.<code>.provider.PROVIDER``), ``bound`` (see the module docstring),
    ``share_caller_connections`` (tests only: the worker thread uses the caller's database
    connections, so a test's uncommitted registry data is visible; do not combine with a test
    that lets a call time out while using them)."""

    options = frozenset({"registry", "share_caller_connections", "bound"})

    def __init__(self, code: str, config: Mapping[str, Any], *, registry: RegistryProvider | None = None) -> None:
        super().__init__(code, config)
        self._registry = registry
        self.share_caller_connections = bool(config.get("share_caller_connections", False))
        bound = config.get("bound", "auto")
        if bound not in BOUNDS:
            raise ImproperlyConfigured(f"ONEVISIT_PROVIDERS[{code!r}]: bound must be one of {', '.join(BOUNDS)}")
        self.alias = f"{REGISTRY_ALIAS_PREFIX}{code}"
        if bound == "auto":
            built_in = registry is None and not config.get("registry")
            on_postgres = self.alias in connections.settings and \
                connections.settings[self.alias]["ENGINE"].endswith("postgresql")
            bound = "database" if built_in and on_postgres else "thread"
        if bound == "database" and self.alias not in connections.settings:
            raise ImproperlyConfigured(f"provider {code}: bound=database needs the database alias {self.alias}")
        self.bound = bound

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

        timeout = self.effective_timeout(timeout)
        if self.bound == "database":
            return self._query_bounded_by_database(call, timeout)
        shared = connections.all(initialized_only=True) if self.share_caller_connections else ()
        return self.caller.call(call, timeout=timeout, shared_connections=shared)

    def _query_bounded_by_database(self, call, timeout: float) -> QueryResult:
        try:
            self._set_statement_timeout(max(1, int(timeout * 1000)))
            return call()
        except ProviderUnavailable as exc:
            if _is_query_canceled(exc.__cause__ or exc):
                raise ProviderTimeout(f"{self.code}: no complete answer within {timeout:g} s", provider=self.code,
                                      details={"timeout": timeout}) from exc
            raise
        except DatabaseError as exc:  # connecting failed (connect_timeout bounds it)
            raise ProviderUnavailable(f"{self.code}: registry database error: {type(exc).__name__}: {exc}",
                                      provider=self.code, details={"error": type(exc).__name__}) from exc
        except ProviderError:
            raise
        except Exception as exc:  # a registry bug: typed, like the thread transport's
            log.error("provider %s failed", self.code, exc_info=exc)
            raise ProviderUnavailable(f"{self.code}: {type(exc).__name__}: {exc}", provider=self.code,
                                      details={"error": type(exc).__name__}) from exc

    def _set_statement_timeout(self, milliseconds: int) -> None:
        connection = connections[self.alias]
        connection.ensure_connection()
        raw = connection.connection
        if _statement_timeouts.get(raw) != milliseconds:
            with connection.cursor() as cursor:
                cursor.execute(f"SET statement_timeout = {milliseconds:d}")
            _statement_timeouts[raw] = milliseconds

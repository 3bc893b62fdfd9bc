"""Hard deadlines for provider calls.

A provider call runs in a worker thread; the caller waits at most ``timeout`` seconds and then
raises :class:`ProviderTimeout`. Python cannot stop a thread, so a late call runs on until its
own I/O gives up (database and HTTP timeouts bound that), and its result is thrown away. Every
provider has a fixed number of slots: calls still hanging in a stuck provider hold theirs, so a
provider that hangs fails fast with :class:`ProviderUnavailable` instead of piling up threads.

Database connections a worker thread opened are closed when it ends (Django keeps one
connection per thread and alias; nothing else would close them).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.db import connections

from onevisit.registries.contract import ProviderError, ProviderTimeout, ProviderUnavailable

log = logging.getLogger(__name__)
T = TypeVar("T")


class BoundedCaller:
    def __init__(self, provider: str, *, max_in_flight: int = 16) -> None:
        self.provider = provider
        self.max_in_flight = max_in_flight
        self._slots = threading.BoundedSemaphore(max_in_flight)

    def call(self, fn: Callable[[], T], *, timeout: float, shared_connections: Iterable[Any] = ()) -> T:
        """Run ``fn`` in a worker thread; its result, its :class:`ProviderError`, or
        :class:`ProviderTimeout` after ``timeout`` seconds. Any other exception becomes
        :class:`ProviderUnavailable` (logged with its traceback).

        ``shared_connections``: the caller's own database connections, handed to the worker the
        way Django's live-server thread does, so that a test's uncommitted data is visible. The
        caller blocks meanwhile; they are not closed by the worker.
        """
        if not self._slots.acquire(blocking=False):
            raise ProviderUnavailable(
                f"{self.provider}: {self.max_in_flight} calls still in flight", provider=self.provider,
                details={"reason": "too_many_in_flight"},
            )
        shared = list(shared_connections)
        done = threading.Event()
        outcome: dict[str, Any] = {}

        def run() -> None:
            try:
                for conn in shared:
                    connections[conn.alias] = conn
                outcome["result"] = fn()
            except BaseException as exc:  # noqa: BLE001 - carried to the caller
                outcome["error"] = exc
            finally:
                shared_aliases = {conn.alias for conn in shared}
                for conn in connections.all(initialized_only=True):
                    if conn.alias not in shared_aliases:
                        conn.close()
                self._slots.release()
                done.set()

        for conn in shared:
            conn.inc_thread_sharing()
        try:
            worker = threading.Thread(target=run, name=f"provider-{self.provider}", daemon=True)
            worker.start()
            finished = done.wait(timeout)
        finally:
            if not shared or done.is_set():
                for conn in shared:
                    conn.dec_thread_sharing()
        if not finished:
            raise ProviderTimeout(
                f"{self.provider}: no complete answer within {timeout:g} s", provider=self.provider,
                details={"timeout": timeout},
            )
        error = outcome.get("error")
        if error is None:
            return outcome["result"]
        if isinstance(error, ProviderError):
            if not error.provider:
                error.provider = self.provider
            raise error
        log.error("provider %s failed", self.provider, exc_info=error)
        raise ProviderUnavailable(
            f"{self.provider}: {type(error).__name__}: {error}", provider=self.provider,
            details={"error": type(error).__name__},
        ) from error

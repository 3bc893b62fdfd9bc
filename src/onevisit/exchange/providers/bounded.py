"""Hard deadlines for provider calls.

A provider call runs in a worker thread; the caller waits at most ``timeout`` seconds and then
raises :class:`ProviderTimeout`. Python cannot stop a thread, so a late call runs on until its
own I/O gives up (database and HTTP timeouts bound that), and its result is thrown away. Every
provider has a fixed number of slots: calls still hanging in a stuck provider hold theirs, so a
provider that hangs fails fast with :class:`ProviderUnavailable` instead of piling up threads.

Worker threads are kept between calls (at most one per slot), and so are the database
connections they opened: starting a thread and connecting to PostgreSQL for every call cost
more than the lookup itself. Before each call a worker drops connections that broke or grew too
old (``CONN_MAX_AGE``), as Django does between requests.

A caller that must share its own connections with the worker (tests whose registry data is not
committed) gets a fresh thread for that call instead, which closes what it opened when it ends.
"""

from __future__ import annotations

import logging
import queue
import threading
import weakref
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.db import connections

from onevisit.core.connections import drop_broken_or_aged_connections
from onevisit.registries.contract import ProviderError, ProviderTimeout, ProviderUnavailable

log = logging.getLogger(__name__)
T = TypeVar("T")
_callers: weakref.WeakSet[BoundedCaller] = weakref.WeakSet()


class _Call:
    __slots__ = ("fn", "done", "result", "error")

    def __init__(self, fn: Callable[[], Any]) -> None:
        self.fn = fn
        self.done = threading.Event()
        self.result: Any = None
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            self.result = self.fn()
        except BaseException as exc:  # noqa: BLE001 - carried to the caller
            self.error = exc


class BoundedCaller:
    def __init__(self, provider: str, *, max_in_flight: int = 16) -> None:
        self.provider = provider
        self.max_in_flight = max_in_flight
        self._slots = threading.BoundedSemaphore(max_in_flight)
        self._queue: queue.SimpleQueue[_Call | None] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._workers = 0
        self._idle = 0
        self._threads: list[threading.Thread] = []
        _callers.add(self)

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
        call = _Call(fn)
        shared = list(shared_connections)
        if shared:
            finished = self._run_in_own_thread(call, shared, timeout)
        else:
            self._submit(call)
            finished = call.done.wait(timeout)
        if not finished:
            raise ProviderTimeout(
                f"{self.provider}: no complete answer within {timeout:g} s", provider=self.provider,
                details={"timeout": timeout},
            )
        error = call.error
        if error is None:
            return call.result
        if isinstance(error, ProviderError):
            if not error.provider:
                error.provider = self.provider
            raise error
        log.error("provider %s failed", self.provider, exc_info=error)
        raise ProviderUnavailable(
            f"{self.provider}: {type(error).__name__}: {error}", provider=self.provider,
            details={"error": type(error).__name__},
        ) from error

    def _submit(self, call: _Call) -> None:
        with self._lock:
            # Each call in flight holds a slot, so max_in_flight workers are always enough.
            start = self._idle == 0 and self._workers < self.max_in_flight
            if start:
                self._workers += 1
            else:
                self._idle -= 1
        if start:
            thread = threading.Thread(target=self._work, name=f"provider-{self.provider}", daemon=True)
            with self._lock:
                self._threads.append(thread)
            thread.start()
        self._queue.put(call)

    def shutdown(self, timeout: float = 5.0) -> None:
        """Stop the idle workers and close their database connections (process exit, end of a
        test session: a kept connection would stop a test database from being dropped). Only
        when no call is in flight; the caller starts new workers if used again."""
        with self._lock:
            threads, self._threads = self._threads, []
            self._workers = self._idle = 0
        for _ in threads:
            self._queue.put(None)
        for thread in threads:
            thread.join(timeout)

    def _work(self) -> None:
        while True:
            call = self._queue.get()
            if call is None:  # shutdown: this thread's connections go with it
                connections.close_all()
                return
            drop_broken_or_aged_connections()
            try:
                call.run()
            finally:
                with self._lock:
                    self._idle += 1
                self._slots.release()
                call.done.set()

    def _run_in_own_thread(self, call: _Call, shared: list[Any], timeout: float) -> bool:
        def run() -> None:
            try:
                for conn in shared:
                    connections[conn.alias] = conn
                call.run()
            finally:
                shared_aliases = {conn.alias for conn in shared}
                for conn in connections.all(initialized_only=True):
                    if conn.alias not in shared_aliases:
                        conn.close()
                self._slots.release()
                call.done.set()

        for conn in shared:
            conn.inc_thread_sharing()
        finished = False
        try:
            threading.Thread(target=run, name=f"provider-{self.provider}", daemon=True).start()
            finished = call.done.wait(timeout)
        finally:
            if finished:
                for conn in shared:
                    conn.dec_thread_sharing()
        return finished


def shutdown_all() -> None:
    """``shutdown`` every provider's workers."""
    for caller in list(_callers):
        caller.shutdown()

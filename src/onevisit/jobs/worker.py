"""The database backend's worker: polls the Job table, runs due jobs one at a time.

Run as `onevisit worker` (started by `onevisit serve`). Several may run at once, on one machine or
many: claims are safe under concurrency, and a worker that is SIGKILLed leaves a lease that
expires, after which another worker takes its job over. SIGTERM or SIGINT lets the current job
finish, then the worker stops.
"""

from __future__ import annotations

import contextlib
import logging
import os
import secrets
import signal
import socket
import threading
import time
from collections.abc import Iterator
from types import FrameType

from django.db import DatabaseError, close_old_connections, connection

from onevisit.jobs.services import default_lease_seconds, job_enqueue_periodic, job_run

logger = logging.getLogger("onevisit.jobs")

# Periodic tasks are checked this often; each check is one cheap query per periodic task.
PERIODIC_CHECK_SECONDS = 30.0
# After a database error, wait this long before polling again, so a restarting database is not
# hammered and the worker outlives it instead of dying.
ERROR_PAUSE_SECONDS = 5.0


class Worker:
    def __init__(self, *, lease_seconds: float | None = None, poll_seconds: float = 1.0, periodic: bool = True):
        self.worker_id = f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(3)}"
        self.lease_seconds = lease_seconds or default_lease_seconds()
        self.poll_seconds = poll_seconds
        self.periodic = periodic
        self._stopping = threading.Event()
        self._next_periodic_check = 0.0

    def stop(self, signum: int | None = None, frame: FrameType | None = None) -> None:
        if not self._stopping.is_set():
            logger.info("worker %s stopping after the current job", self.worker_id)
        self._stopping.set()

    @contextlib.contextmanager
    def stopping_on_signals(self) -> Iterator[None]:
        """SIGTERM and SIGINT ask for a graceful stop while inside; the old handlers come back after."""
        previous = {signum: signal.signal(signum, self.stop) for signum in (signal.SIGTERM, signal.SIGINT)}
        try:
            yield
        finally:
            for signum, handler in previous.items():
                signal.signal(signum, handler)

    def run_burst(self) -> int:
        """Run jobs until none is due (or a stop is asked for); return how many ran."""
        ran = 0
        while not self._stopping.is_set():
            _refresh_connections()
            if job_run(worker_id=self.worker_id, lease_seconds=self.lease_seconds) is None:
                break
            ran += 1
        _refresh_connections()
        return ran

    def run_forever(self) -> None:
        logger.info("worker %s started (database backend, lease %ss)", self.worker_id, self.lease_seconds)
        while not self._stopping.is_set():
            _refresh_connections()
            try:
                self._enqueue_periodic()
                job = job_run(worker_id=self.worker_id, lease_seconds=self.lease_seconds)
            except DatabaseError:
                logger.exception("worker %s: database error; pausing", self.worker_id)
                self._stopping.wait(ERROR_PAUSE_SECONDS)
                continue
            if job is None:
                self._stopping.wait(self.poll_seconds)
        _refresh_connections()
        logger.info("worker %s stopped", self.worker_id)

    def _enqueue_periodic(self) -> None:
        if not self.periodic or time.monotonic() < self._next_periodic_check:
            return
        job_enqueue_periodic()
        self._next_periodic_check = time.monotonic() + PERIODIC_CHECK_SECONDS


def _refresh_connections() -> None:
    """Drop broken or expired database connections between jobs, as Django does between requests.
    Not when called inside a transaction (a burst run from a test or a shell): closing then would
    break the caller's transaction."""
    if not connection.in_atomic_block:
        close_old_connections()

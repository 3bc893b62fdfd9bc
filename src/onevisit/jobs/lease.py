"""Keeping a job's lease alive while its task runs.

The lease can then be short (a SIGKILLed worker's job is taken over within a minute) without
capping how long a task may run: a live worker renews it every third of its length.
"""

from __future__ import annotations

import datetime
import logging
import threading
from types import TracebackType

from django.db import DatabaseError, connection
from django.utils import timezone

from onevisit.jobs.models import Job, JobStatus

logger = logging.getLogger("onevisit.jobs")


class LeaseKeeper:
    """Context manager: renews the lease of ``job_id`` held by ``worker_id`` from a daemon thread."""

    def __init__(self, *, job_id: int, worker_id: str, lease_seconds: float):
        self.job_id = job_id
        self.worker_id = worker_id
        self.lease_seconds = lease_seconds
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"lease-{job_id}", daemon=True)

    def __enter__(self) -> LeaseKeeper:
        self._thread.start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._stop.set()
        self._thread.join(timeout=self.lease_seconds)

    def _run(self) -> None:
        try:
            while not self._stop.wait(self.lease_seconds / 3):
                try:
                    renewed = Job.objects.filter(
                        pk=self.job_id, status=JobStatus.RUNNING, locked_by=self.worker_id
                    ).update(locked_until=timezone.now() + datetime.timedelta(seconds=self.lease_seconds))
                except DatabaseError:
                    # Try again next time; if the database stays away, the lease lapses and
                    # another worker reruns the job, which tasks are written to tolerate.
                    logger.warning("job %s: could not renew the lease", self.job_id, exc_info=True)
                    continue
                if not renewed:
                    logger.warning("job %s: lease lost by %s; another worker may run it", self.job_id, self.worker_id)
                    return
        finally:
            # This thread's own database connection.
            connection.close()

"""How job ids reach workers.

Database backend: nothing to send; `onevisit worker` polls the Job table.
Celery backend: one broker message per run, carrying only the job id, published after the
enqueuing transaction commits. A publish that fails (broker down at commit time) is logged and
left to the sweep (services.job_sweep), which republishes every due job that has no recent message;
the Job row is what makes the work durable, never the message.
"""

from __future__ import annotations

import datetime
import functools
import logging
import os
import socket

from django.conf import settings
from django.db import DatabaseError, transaction
from django.utils import timezone

from onevisit.jobs.models import Job

logger = logging.getLogger("onevisit.jobs")

RUN_TASK = "onevisit.jobs.run"  # defined in onevisit.celery


def celery_enabled() -> bool:
    return settings.ONEVISIT_TASK_BACKEND == "celery"


def publish_on_commit(job_id: int, *, eta: datetime.datetime | None = None) -> None:
    """In the Celery backend, send the job's message once the current transaction commits
    (at once outside a transaction). Nothing is sent if it rolls back."""
    if celery_enabled():
        transaction.on_commit(functools.partial(publish, job_id, eta=eta))


def publish(job_id: int, *, eta: datetime.datetime | None = None) -> bool:
    """Send one message for ``job_id``; True if the broker accepted it.

    Never raises: it runs after commit, when the caller's work is already accepted, so a broker
    failure must not turn into an error for them. The job stays queued and the sweep resends it.
    """
    from onevisit.celery import app

    # One quick retry covers a pooled connection the broker has dropped; beyond that the request
    # that enqueued the job is not held up (each connection attempt is bounded by Celery's
    # broker_connection_timeout) and the sweep sends the message later.
    try:
        app.send_task(
            RUN_TASK, args=[job_id], eta=eta, retry=True,
            retry_policy={"max_retries": 1, "interval_start": 0, "interval_step": 0.5, "interval_max": 0.5},
        )
    except Exception:  # kombu raises many kinds (socket, AMQP, Redis); all mean "not sent".
        logger.warning("job %s: publishing to the broker failed; the sweep will resend it", job_id, exc_info=True)
        return False
    try:
        Job.objects.filter(pk=job_id).update(published_at=timezone.now())
    except DatabaseError:
        # The message is out; a missing timestamp only makes the sweep send a harmless duplicate.
        logger.warning("job %s: could not record the publish time", job_id, exc_info=True)
    return True


def broker_health(timeout: float = 2.0) -> tuple[bool, str]:
    """Whether a connection to CELERY_BROKER_URL can be opened within ``timeout`` seconds."""
    from onevisit.celery import app

    try:
        with app.connection_for_write() as connection:
            connection.ensure_connection(max_retries=1, interval_start=0, interval_step=0, timeout=timeout)
    except Exception as exc:  # any failure means "not reachable"; its class says which
        return False, f"broker unreachable: {exc.__class__.__name__}"
    return True, "ok"


def worker_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"

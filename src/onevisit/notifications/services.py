"""Writes for notifications: send (store in the outbox), retry, and mark read.

``notification_send`` is what other apps call. Delivery itself is in delivery.py and runs as the
background task ``notifications.deliver`` (tasks.py), after the caller's transaction commits.
"""

from __future__ import annotations

import functools
import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from onevisit.jobs.dispatch import worker_id
from onevisit.notifications.errors import NotificationNotFound
from onevisit.notifications.models import (
    AttemptOutcome,
    Channel,
    DeliveryAttempt,
    DeliveryStatus,
    Notification,
)

logger = logging.getLogger("onevisit.notifications")

DELIVER_TASK = "notifications.deliver"


def notification_send(*, recipient, subject: str, body: str, channel: str = Channel.INAPP) -> Notification:
    """Put a message to ``recipient`` on ``channel`` in the outbox; it is delivered after commit.

    Guarantees: the Notification row and, for channels with a provider, the delivery job are
    written in the caller's transaction, so the message exists (and will be sent) exactly when
    the caller's change commits; nothing is sent if it rolls back. In-app messages are delivered
    by being stored (the inbox is the table). Channels listed in
    ``ONEVISIT_NOTIFICATION_IMMEDIATE_CHANNELS`` (the console by default, so demo login codes are
    there at once) are also sent right after commit, in this process; the others wait for a
    worker. Failed sends are retried with backoff (see delivery.notification_deliver).

    Raises ValueError for an unknown channel, before anything is written.
    """
    channel = Channel(channel)
    now = timezone.now()
    with transaction.atomic():
        if channel == Channel.INAPP:
            notification = Notification.objects.create(
                recipient=recipient, channel=channel, subject=subject, body=body,
                status=DeliveryStatus.DELIVERED, attempts=1, max_attempts=1, created_at=now, delivered_at=now,
            )
            DeliveryAttempt.objects.create(
                notification=notification, channel=channel, number=1, provider="inapp", started_at=now,
                finished_at=now, outcome=AttemptOutcome.OK,
            )
            return notification
        notification = Notification.objects.create(
            recipient=recipient, channel=channel, subject=subject, body=body, created_at=now,
            max_attempts=settings.ONEVISIT_NOTIFICATION_MAX_ATTEMPTS,
        )
        job = _enqueue_delivery(notification)
    if channel in settings.ONEVISIT_NOTIFICATION_IMMEDIATE_CHANNELS:
        transaction.on_commit(functools.partial(_deliver_now, job.pk))
    return notification


def _enqueue_delivery(notification: Notification):
    from onevisit.jobs.services import job_enqueue

    # Our own attempt count decides when to give up; the job's limit is one more, a backstop.
    # The key names the round of attempts, so a retried notification gets a new job.
    return job_enqueue(
        task=DELIVER_TASK, kwargs={"notification_id": notification.pk},
        dedup_key=f"notification:{notification.pk}:{notification.max_attempts}",
        max_attempts=notification.max_attempts - notification.attempts + 1,
    )


def _deliver_now(job_id: int) -> None:
    """Run the delivery job here, right after commit. The job's claim makes sure a worker that
    picked the same job up does not send it too; a failure is retried by the workers."""
    from onevisit.jobs.services import job_run

    try:
        job_run(worker_id=f"{worker_id()}:on-commit", job_id=job_id)
    except Exception:  # the caller's change is committed; the queued job is the fallback
        logger.warning("job %s: immediate delivery failed; a worker will retry it", job_id, exc_info=True)


def notification_retry(*, notification_id: int) -> Notification:
    """Give a failed notification a fresh round of attempts (earlier attempts stay recorded).

    Raises NotificationNotFound. A notification that is not failed is returned unchanged.
    """
    with transaction.atomic():
        notification = Notification.objects.select_for_update().filter(pk=notification_id).first()
        if notification is None:
            raise NotificationNotFound(details={"notification": notification_id})
        if notification.status != DeliveryStatus.FAILED:
            return notification
        notification.status = DeliveryStatus.PENDING
        notification.failed_at = None
        notification.max_attempts = notification.attempts + settings.ONEVISIT_NOTIFICATION_MAX_ATTEMPTS
        notification.save(update_fields=["status", "failed_at", "max_attempts"])
        _enqueue_delivery(notification)
    return notification


def notification_mark_read(*, user, notification_id: int) -> Notification:
    """Mark one of ``user``'s in-app messages read (again: no change). Raises NotificationNotFound
    for a message that is not theirs, without saying whether it exists."""
    notification = Notification.objects.filter(pk=notification_id, recipient=user, channel=Channel.INAPP).first()
    if notification is None:
        raise NotificationNotFound(details={"notification": notification_id})
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=notification.read_at)
    return notification


def notifications_mark_all_read(*, user) -> int:
    """Mark every unread in-app message of ``user`` read; returns how many changed."""
    return Notification.objects.filter(recipient=user, channel=Channel.INAPP, read_at__isnull=True).update(
        read_at=timezone.now()
    )

"""Delivering one notification through its channel's provider, every try recorded.

Runs inside the background task ``notifications.deliver`` (tasks.py), which the job system
retries with exponential backoff and jitter while this raises.
"""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils import timezone

from onevisit.notifications import channels
from onevisit.notifications.errors import PermanentDeliveryError
from onevisit.notifications.models import (
    AttemptOutcome,
    DeliveryAttempt,
    DeliveryStatus,
    Notification,
)
from onevisit.notifications.providers import OutgoingMessage

logger = logging.getLogger("onevisit.notifications")

ERROR_TEXT_LIMIT = 1000


def notification_deliver(*, notification_id: int) -> str:
    """Try once to send a pending notification; return its status afterwards.

    Guarantees: each try is a DeliveryAttempt row, written before the provider is called and
    closed with the outcome, the provider's message id or the (truncated) error. A notification
    with a recorded success is never sent again, however often this runs, and of two concurrent
    runs only one tries. A failure re-raises the provider's exception so that the job is retried
    with backoff, until the notification's ``max_attempts``; then, or at once for a
    PermanentDeliveryError, the notification is marked failed and this returns normally.

    At least once: if the process dies after the provider accepted the message but before the
    success was recorded, the attempt is closed as failed on the next run and the message is sent
    again.
    """
    notification = Notification.objects.select_related("recipient").filter(pk=notification_id).first()
    if notification is None or notification.status != DeliveryStatus.PENDING:
        return notification.status if notification else "missing"
    number = notification.attempts + 1
    # The claim: a conditional write only one concurrent run can make.
    claimed = Notification.objects.filter(
        pk=notification.pk, status=DeliveryStatus.PENDING, attempts=notification.attempts
    ).update(attempts=number)
    if not claimed:
        return "busy"
    now = timezone.now()
    DeliveryAttempt.objects.filter(notification=notification, outcome=AttemptOutcome.RUNNING).update(
        outcome=AttemptOutcome.FAILED, finished_at=now, error="interrupted: the sender stopped before recording an outcome"
    )
    attempt = DeliveryAttempt.objects.create(
        notification=notification, channel=notification.channel, number=number, started_at=now,
        provider=_provider_name(notification.channel),
    )
    try:
        message = OutgoingMessage(
            notification_id=notification.pk, channel=notification.channel,
            address=channels.address_for(notification.recipient, notification.channel),
            recipient_name=notification.recipient.get_full_name() or notification.recipient.get_username(),
            subject=notification.subject, body=notification.body,
        )
        provider_message_id = channels.provider_for(notification.channel).send(message)
    except Exception as exc:
        final = isinstance(exc, PermanentDeliveryError) or number >= notification.max_attempts
        _record_failure(notification, attempt, exc=exc, final=final)
        if final:
            return DeliveryStatus.FAILED
        raise
    _record_success(notification, attempt, provider_message_id=provider_message_id or "")
    return DeliveryStatus.DELIVERED


def _provider_name(channel: str) -> str:
    try:
        return channels.provider_path(channel)
    except PermanentDeliveryError:
        return ""


def _record_success(notification: Notification, attempt: DeliveryAttempt, *, provider_message_id: str) -> None:
    now = timezone.now()
    with transaction.atomic():
        DeliveryAttempt.objects.filter(pk=attempt.pk).update(
            outcome=AttemptOutcome.OK, finished_at=now, provider_message_id=provider_message_id[:255]
        )
        Notification.objects.filter(pk=notification.pk).update(
            status=DeliveryStatus.DELIVERED, delivered_at=now, last_error=""
        )


def _record_failure(notification: Notification, attempt: DeliveryAttempt, *, exc: Exception, final: bool) -> None:
    now = timezone.now()
    error = f"{exc.__class__.__name__}: {exc}"[:ERROR_TEXT_LIMIT]
    fields: dict = {"last_error": error}
    if final:
        fields.update(status=DeliveryStatus.FAILED, failed_at=now)
    with transaction.atomic():
        DeliveryAttempt.objects.filter(pk=attempt.pk).update(outcome=AttemptOutcome.FAILED, finished_at=now, error=error)
        Notification.objects.filter(pk=notification.pk).update(**fields)
    if final:
        logger.error(
            "notification %s (%s) failed for good after %s attempt(s): %s",
            notification.pk, notification.channel, attempt.number, error,
        )
    else:
        logger.warning(
            "notification %s (%s) attempt %s of %s failed: %s",
            notification.pk, notification.channel, attempt.number, notification.max_attempts, error,
        )

"""Delivery channels. The demo has the console (server log) and the in-app inbox; email and SMS
providers plug in here with the same one-method interface."""

import logging

from django.utils import timezone

from onevisit.notifications.models import Channel, Notification

logger = logging.getLogger("onevisit.notifications")


def deliver_console(notification: Notification) -> None:
    logger.warning(
        "[notification to %s] %s: %s", notification.recipient.username, notification.subject, notification.body
    )


def deliver_inapp(notification: Notification) -> None:
    """The inbox is the table itself: delivered as soon as it is stored."""


DELIVERERS = {Channel.CONSOLE: deliver_console, Channel.INAPP: deliver_inapp}


def deliver(notification: Notification) -> None:
    DELIVERERS[Channel(notification.channel)](notification)
    notification.delivered_at = timezone.now()
    notification.save(update_fields=["delivered_at"])

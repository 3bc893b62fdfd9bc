"""Typed errors of the notifications app (see onevisit.core.errors for how they map to HTTP)."""

from django.utils.translation import gettext_lazy as _

from onevisit.core.errors import NotFound


class NotificationNotFound(NotFound):
    """No message with that id in the asking user's inbox (whether it exists for someone else or not)."""

    code = "notification_not_found"
    default_message = _("未找到该消息。")


class PermanentDeliveryError(Exception):
    """A provider's failure that trying again cannot fix (no address, address refused).

    Providers raise it to stop retries; any other exception counts as transient and is retried.
    """

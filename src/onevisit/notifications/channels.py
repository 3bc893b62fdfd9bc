"""Channels: where a recipient is reached on each one, and which provider sends on it.

The in-app channel has no provider: the inbox is the Notification table itself.
"""

from django.conf import settings
from django.utils.module_loading import import_string

from onevisit.notifications.errors import PermanentDeliveryError
from onevisit.notifications.models import Channel
from onevisit.notifications.providers import Provider


def provider_path(channel: str) -> str:
    """The dotted path of the provider class configured for ``channel``."""
    try:
        return settings.ONEVISIT_NOTIFICATION_PROVIDERS[channel]
    except KeyError:
        raise PermanentDeliveryError(f"no provider is configured for channel {channel!r}") from None


def provider_for(channel: str) -> Provider:
    return import_string(provider_path(channel))()


def address_for(recipient, channel: str) -> str:
    """The recipient's address on ``channel``. Raises PermanentDeliveryError when they have none."""
    address = {
        Channel.EMAIL: recipient.email,
        Channel.SMS: recipient.phone,
        Channel.CONSOLE: recipient.username,
    }.get(Channel(channel), "")
    if not address:
        raise PermanentDeliveryError(f"the recipient has no address for channel {channel}")
    return address

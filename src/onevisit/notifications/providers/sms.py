"""SMS providers. ``LogSmsProvider`` is the demo default; a real gateway is another class with the
same ``send`` method, named in ONEVISIT_SMS_PROVIDER (docs/notifications.md)."""

import logging
import uuid

from onevisit.notifications.providers import OutgoingMessage

logger = logging.getLogger("onevisit.notifications.sms")


class LogSmsProvider:
    """Writes the text message to the log instead of sending it, and returns a made-up message id."""

    def send(self, message: OutgoingMessage) -> str:
        message_id = f"log-{uuid.uuid4().hex}"
        logger.warning("[sms %s to %s] %s", message_id, message.address, message.body)
        return message_id

"""Console channel (demo): the message goes to the server log."""

import logging

from onevisit.notifications.providers import OutgoingMessage

logger = logging.getLogger("onevisit.notifications")


class ConsoleProvider:
    def send(self, message: OutgoingMessage) -> str:
        # WARNING so that it shows with the default log level: in the demo this is the "phone".
        logger.warning("[notification to %s] %s: %s", message.address, message.subject, message.body)
        return ""

"""An SMS gateway plugged in the way an operator would plug in theirs: a class named by dotted
path in settings. It keeps what it was given, so that the tests can read it."""

from onevisit.notifications.providers import OutgoingMessage

SENT: list[OutgoingMessage] = []


class RecordingSmsGateway:
    def send(self, message: OutgoingMessage) -> str:
        SENT.append(message)
        return f"gw-{len(SENT)}"

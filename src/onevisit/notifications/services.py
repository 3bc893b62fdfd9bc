from onevisit.notifications.channels import deliver
from onevisit.notifications.models import Channel, Notification


def notification_send(*, recipient, subject: str, body: str, channel: str = Channel.INAPP) -> Notification:
    """Store the message and deliver it on ``channel``. The stored row is the record of delivery."""
    notification = Notification.objects.create(recipient=recipient, channel=channel, subject=subject, body=body)
    deliver(notification)
    return notification

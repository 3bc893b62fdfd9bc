"""Background tasks of notifications."""

from django.conf import settings

from onevisit.jobs import task


# The notification's own attempt count decides when to give up (delivery.py); the job is
# enqueued with a limit one above it, as a backstop.
@task(
    name="notifications.deliver", max_attempts=settings.ONEVISIT_NOTIFICATION_MAX_ATTEMPTS + 1,
    backoff_seconds=settings.ONEVISIT_NOTIFICATION_BACKOFF_SECONDS, max_backoff_seconds=60 * 60,
)
def deliver(notification_id: int) -> str:
    """Try once to send the notification; see delivery.notification_deliver."""
    from onevisit.notifications.delivery import notification_deliver

    return notification_deliver(notification_id=notification_id)

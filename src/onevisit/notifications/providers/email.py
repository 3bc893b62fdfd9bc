"""Email over SMTP with Django's SMTP backend, configured by the EMAIL_* settings (docs/notifications.md)."""

from email.utils import make_msgid

from django.conf import settings
from django.core.mail import EmailMessage
from django.core.mail.backends.smtp import EmailBackend

from onevisit.notifications.errors import PermanentDeliveryError
from onevisit.notifications.providers import OutgoingMessage


class SmtpEmailProvider:
    """Sends one plain-text UTF-8 email per notification.

    The SMTP backend is named here rather than taken from EMAIL_BACKEND: this provider is "send
    over SMTP", and test runners swap EMAIL_BACKEND for an in-memory one.
    """

    def send(self, message: OutgoingMessage) -> str:
        domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2].strip(" >") or "onevisit.invalid"
        message_id = make_msgid(domain=domain)
        email = EmailMessage(
            subject=message.subject, body=message.body, from_email=settings.DEFAULT_FROM_EMAIL,
            to=[message.address], headers={"Message-ID": message_id},
            connection=EmailBackend(fail_silently=False),
        )
        try:
            sent = email.send(fail_silently=False)
        except ValueError as exc:
            # Django refuses addresses it cannot encode before talking to the server.
            raise PermanentDeliveryError(str(exc)) from exc
        if not sent:
            raise RuntimeError("the SMTP backend accepted no message")
        return message_id

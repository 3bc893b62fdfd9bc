"""Telling a holder about their certificate, through the notification outbox."""

from __future__ import annotations

from onevisit.accounts.models import EnterpriseMandate, MandateRole, User
from onevisit.certificates.models import Certificate, HolderKind


def holder_recipients(certificate: Certificate) -> list[User]:
    """The holder's account; for an enterprise, also its legal representative."""
    users: dict[int, User] = {}
    if certificate.holder_user_id:
        users[certificate.holder_user_id] = certificate.holder_user
    if certificate.holder_kind == HolderKind.PERSON:
        user = User.objects.filter(id_number=certificate.holder_id).first()
        if user is not None:
            users[user.pk] = user
    else:
        for mandate in EnterpriseMandate.objects.filter(enterprise__uscc=certificate.holder_id,
                                                        role=MandateRole.LEGAL_REPRESENTATIVE,
                                                        revoked_at__isnull=True).select_related("user"):
            users[mandate.user_id] = mandate.user
    return list(users.values())


def holder_notify(certificate: Certificate, *, subject: str, body: str) -> None:
    from onevisit.notifications.services import notification_send

    for user in holder_recipients(certificate):
        notification_send(recipient=user, subject=subject, body=body)

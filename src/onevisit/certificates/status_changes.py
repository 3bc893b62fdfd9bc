"""Suspend, resume, revoke and cancel a certificate (中止 / 恢复 / 撤销 / 注销).

Only the issuing department's officers (permissions.check_status_change), always with a reason.
Each change is one transaction: the certificate row (optimistically versioned), one history
event naming who and why, and a notification to the holder. The served status list is built
from the rows, so it shows the change immediately.
"""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from onevisit.accounts.models import User
from onevisit.certificates.errors import ReasonRequired, StatusChangeNotAllowed
from onevisit.certificates.models import (
    Certificate,
    CertificateAction,
    CertificateEvent,
    CertificateStatus,
)
from onevisit.certificates.notify import holder_notify
from onevisit.certificates.permissions import check_status_change

logger = logging.getLogger("onevisit.certificates")
S = CertificateStatus
# action -> (statuses it may start from, status it leads to)
TRANSITIONS = {
    CertificateAction.SUSPENDED: ({S.VALID}, S.SUSPENDED),
    CertificateAction.RESUMED: ({S.SUSPENDED}, S.VALID),
    CertificateAction.REVOKED: ({S.VALID, S.SUSPENDED}, S.REVOKED),
    CertificateAction.CANCELLED: ({S.VALID, S.SUSPENDED}, S.CANCELLED),
}
MAX_REASON = 500


def certificate_status_change(*, certificate_id: int, action: str, user: User, reason: str) -> Certificate:
    """Apply ``action`` (suspended / resumed / revoked / cancelled) to a certificate.

    Raises NotIssuingDepartment (403), ReasonRequired (422), StatusChangeNotAllowed (409: the
    current status does not allow it, e.g. resuming a revoked certificate), ValueError for an
    unknown action.
    """
    if action not in TRANSITIONS:
        raise ValueError(f"unknown action {action!r}")
    reason = (reason or "").strip()
    if not reason or len(reason) > MAX_REASON:
        raise ReasonRequired(details=[{"field": "reason", "message": str(ReasonRequired.default_message)}])
    allowed_from, to = TRANSITIONS[CertificateAction(action)]
    with transaction.atomic():
        certificate = Certificate.objects.select_for_update().select_related("certificate_type", "department").get(
            pk=certificate_id)
        check_status_change(user=user, certificate=certificate)
        if certificate.status not in allowed_from:
            raise StatusChangeNotAllowed(details={"status": certificate.status, "action": action})
        now = timezone.now()
        certificate.status, certificate.status_reason = to, reason
        certificate.status_changed_by, certificate.status_changed_at = user, now
        certificate.save(update_fields=["status", "status_reason", "status_changed_by", "status_changed_at"])
        CertificateEvent.objects.create(certificate=certificate, action=action, at=now, actor=user,
                                        actor_name=user.full_name, reason=reason)
        holder_notify(certificate, subject=_("证照状态变更：%(name)s") % {"name": certificate.certificate_type.name},
                      body=_("您的%(name)s（%(id)s）已%(action)s。理由：%(reason)s") % {
                          "name": certificate.certificate_type.name, "id": certificate.identifier,
                          "action": CertificateAction(action).label, "reason": reason})
    logger.info("certificate %s %s by %s (%s): %s", certificate.identifier, action, user.username,
                certificate.department.code, reason)
    return certificate

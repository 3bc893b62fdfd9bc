"""Who may change a certificate's status: one check, used by every surface."""

from __future__ import annotations

from onevisit.accounts.models import StaffRole, User, UserKind
from onevisit.accounts.selectors import staff_roles
from onevisit.certificates.errors import NotIssuingDepartment
from onevisit.certificates.models import Certificate

STATUS_ROLES = {StaffRole.CASE_OFFICER, StaffRole.DEPARTMENT_HEAD}


def check_status_change(*, user: User, certificate: Certificate) -> None:
    """A case officer or head of the department that issued the certificate, nobody else."""
    if (user.kind != UserKind.STAFF or not user.is_active or user.department_id != certificate.department_id
            or not STATUS_ROLES & set(staff_roles(user=user))):
        raise NotIssuingDepartment(details={"identifier": certificate.identifier})

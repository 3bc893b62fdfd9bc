"""Reuse as evidence (证照复用): the applicant's wallet certificate for a material of that type.

``wallet_evidence`` answers, for one holder and one certificate type, either the valid certificate
with what the evidence preview shows (identifier, issuer, face fields), or why none can be used
(none held, or the one held is suspended, revoked or cancelled). If the holder has none yet and
was never imported from the registries, the import runs first (first use).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from onevisit.accounts.models import User
from onevisit.certificates.models import Certificate, CertificateStatus, HolderKind, RegistryImport
from onevisit.certificates.printing import certificate_face
from onevisit.certificates.selectors import holder_certificate_of_type

SOURCE = "wallet"  # Evidence.source of a certificate from the wallet
# Why a certificate cannot be used: Evidence.last_error_code.
REFUSAL_CODES = {
    CertificateStatus.SUSPENDED: "certificate_suspended",
    CertificateStatus.REVOKED: "certificate_revoked",
    CertificateStatus.CANCELLED: "certificate_cancelled",
}
NONE_HELD = "certificate_not_held"


@dataclass
class WalletEvidence:
    certificate: Certificate | None
    refusal: str = ""  # empty when usable
    display: list[dict[str, Any]] = field(default_factory=list)
    data: list[dict[str, Any]] = field(default_factory=list)


def _import_once(*, holder_kind: str, holder_id: str, holder_name: str, acting_user: User) -> None:
    from onevisit.certificates.from_registries import import_for_holder

    if RegistryImport.objects.filter(holder_id=holder_id).exists():
        return
    issued, complete = import_for_holder(holder_kind=holder_kind, holder_id=holder_id, holder_name=holder_name,
                                         holder_user=acting_user, acting_user=acting_user)
    if complete:
        RegistryImport.objects.get_or_create(holder_id=holder_id, defaults={"issued": len(issued)})


def wallet_evidence(*, applicant: User, enterprise=None, type_code: str) -> WalletEvidence:
    """The certificate of ``type_code`` held by the enterprise (when applying for one) or the applicant."""
    if enterprise is not None:
        kind, holder_id, holder_name = HolderKind.ENTERPRISE, enterprise.uscc, enterprise.name
    else:
        kind, holder_id, holder_name = HolderKind.PERSON, applicant.id_number or "", applicant.full_name
    certificate = holder_certificate_of_type(holder_id=holder_id, type_code=type_code)
    if certificate is None and holder_id:
        _import_once(holder_kind=kind, holder_id=holder_id, holder_name=holder_name, acting_user=applicant)
        certificate = holder_certificate_of_type(holder_id=holder_id, type_code=type_code)
    if certificate is None:
        return WalletEvidence(None, NONE_HELD)
    if certificate.status != CertificateStatus.VALID:
        return WalletEvidence(certificate, REFUSAL_CODES[CertificateStatus(certificate.status)])
    shown = {"证照标识": certificate.identifier, "发证部门": certificate.department.name,
             **dict(certificate_face(certificate))}
    record = {"record_id": certificate.identifier, "source": SOURCE, "version": certificate.version,
              "updated_at": certificate.issued_at.isoformat(), "data": dict(certificate.data)}
    return WalletEvidence(certificate, "", [shown], [record])

"""Reads: published issuers, and the certificates a holder may see (the wallet)."""

from __future__ import annotations

from django.db.models import Case, QuerySet, Value, When

from onevisit.accounts.models import Department, Enterprise, User
from onevisit.accounts.selectors import enterprises_acted_for
from onevisit.certificates.errors import CertificateNotFound
from onevisit.certificates.identifiers import identifier_is_valid
from onevisit.certificates.models import Certificate, CertificateStatus, HolderKind


def issuer_departments() -> QuerySet[Department]:
    """Departments that have at least one published (unretired) key."""
    return Department.objects.filter(issuer_keys__retired_at=None).distinct().order_by("code")


def _related(qs: QuerySet[Certificate]) -> QuerySet[Certificate]:
    return qs.select_related("certificate_type", "department")


def wallet_holder_ids(*, user: User, enterprise: Enterprise | None = None) -> list[str]:
    """Whose certificates ``user`` sees: their own, or the enterprise's they act for (only then)."""
    if enterprise is not None:
        return [enterprise.uscc] if enterprises_acted_for(user=user).filter(pk=enterprise.pk).exists() else []
    return [user.id_number] if user.is_citizen and user.id_number else []


def wallet_certificates(*, user: User, enterprise: Enterprise | None = None) -> QuerySet[Certificate]:
    """The wallet (我的证照): valid first, then newest."""
    qs = Certificate.objects.filter(holder_id__in=wallet_holder_ids(user=user, enterprise=enterprise))
    valid_first = Case(When(status=CertificateStatus.VALID, then=Value(0)), default=Value(1))
    return _related(qs).annotate(valid_first=valid_first).order_by("valid_first", "-issued_at", "-id")


def certificate_visible_to(*, user: User, certificate: Certificate) -> bool:
    if not user.is_authenticated or not user.is_citizen:
        return False
    if certificate.holder_kind == HolderKind.PERSON:
        return certificate.holder_id == user.id_number
    return enterprises_acted_for(user=user).filter(uscc=certificate.holder_id).exists()


def wallet_certificate_get(*, user: User, identifier: str) -> Certificate:
    """One certificate of the user's (or an enterprise's they act for); CertificateNotFound otherwise."""
    certificate = _related(Certificate.objects.filter(identifier=identifier)).first()
    if certificate is None or not certificate_visible_to(user=user, certificate=certificate):
        raise CertificateNotFound(details={"identifier": identifier})
    return certificate


def certificate_get(*, identifier: str) -> Certificate:
    certificate = _related(Certificate.objects.filter(identifier=identifier)).first()
    if certificate is None:
        raise CertificateNotFound(details={"identifier": identifier})
    return certificate


def printed_certificate_status(*, identifier: str) -> Certificate | None:
    """What a printed copy's QR code asks (/verify/?id=): the certificate with that identifier, or
    None when the text is no identifier (bad check character) or none was issued. The caller shows
    only its type, issuer, dates and status, never the holder or the face fields."""
    if not identifier_is_valid(identifier):
        return None
    return _related(Certificate.objects.filter(identifier=identifier)).first()


def holder_certificate_of_type(*, holder_id: str, type_code: str) -> Certificate | None:
    """The holder's newest certificate of a type, whatever its status (the caller says why not usable)."""
    return (_related(Certificate.objects.filter(holder_id=holder_id, certificate_type__code=type_code))
            .order_by("-issued_at", "-id").first())


def valid_certificate_of_type(*, holder_id: str, type_code: str) -> Certificate | None:
    return (_related(Certificate.objects.filter(holder_id=holder_id, certificate_type__code=type_code,
                                                status=CertificateStatus.VALID))
            .order_by("-issued_at", "-id").first())


def issued_by(*, department: Department) -> QuerySet[Certificate]:
    """Certificates a department issued (the workbench list)."""
    return _related(Certificate.objects.filter(department=department)).order_by("-issued_at", "-id")

"""Reads for verifier pages: what a presented certificate type is called, and the audit trail."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from onevisit.accounts.models import Department
from onevisit.catalogue.models import CertificateType
from onevisit.certificates.models import Verification

VCT_PREFIX = "urn:onevisit:certificate:"


@dataclass(frozen=True)
class ShownField:
    name: str
    label: str
    value: object


def certificate_type_for(vct: str | None) -> CertificateType | None:
    if not vct or not vct.startswith(VCT_PREFIX):
        return None
    return CertificateType.objects.filter(code=vct.removeprefix(VCT_PREFIX)).first()


def shown_fields(*, vct: str | None, claims: dict) -> list[ShownField]:
    """The disclosed claims with the type's field labels, in the type's field order."""
    certificate_type = certificate_type_for(vct)
    labels = {}
    if certificate_type is not None:
        for item in certificate_type.fields:
            labels[item.get("name")] = item.get("label", item.get("name"))
    order = list(labels)
    names = sorted(claims, key=lambda n: (order.index(n) if n in order else len(order), n))
    return [ShownField(name, labels.get(name, name), claims[name]) for name in names]


def verifications_of(*, department: Department | None) -> QuerySet[Verification]:
    """A department's verification record (核验记录), newest first."""
    return (Verification.objects.filter(department=department).select_related("verified_by", "request")
            .order_by("-verified_at", "-id"))

"""How a certificate reads to a person: its face rows, and the printable PDF copy."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from django.conf import settings

from onevisit.certificates.models import Certificate, HolderKind
from onevisit.core.identifiers import mask_id_number


def verify_url(certificate: Certificate) -> str:
    """What the printed QR code carries: the public verifier page with the identifier."""
    return f"{settings.ONEVISIT_PUBLIC_URL}/verify/?id={quote(certificate.identifier)}"


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list):
        return "；".join(_text(v) for v in value)
    if isinstance(value, dict):
        return "，".join(f"{k}：{_text(v)}" for k, v in value.items())
    return str(value)


def certificate_face(certificate: Certificate) -> list[tuple[str, str]]:
    """(label, value) for each face field the certificate carries, in the type's order."""
    labels = {f["name"]: f["label"] for f in certificate.certificate_type.fields if isinstance(f, dict)}
    ordered = [name for name in labels if name in certificate.data]
    ordered += [name for name in certificate.data if name not in labels]
    return [(labels.get(name, name), _text(certificate.data[name])) for name in ordered]


def holder_id_display(certificate: Certificate) -> str:
    """A person's ID number masked; an enterprise's USCC is public and shown whole."""
    if certificate.holder_kind == HolderKind.PERSON:
        return mask_id_number(certificate.holder_id)
    return certificate.holder_id


def certificate_pdf(certificate: Certificate) -> bytes:
    from onevisit.documents.certificate import CertificatePrint, render_certificate_pdf

    return render_certificate_pdf(CertificatePrint(
        type_name=certificate.certificate_type.name, identifier=certificate.identifier,
        holder_name=certificate.holder_name, holder_id_masked=holder_id_display(certificate),
        issuer_name=certificate.department.name, issued_at=certificate.issued_at,
        valid_until=certificate.valid_until, status_label=str(certificate.get_status_display()),
        valid=certificate.is_valid, fields=certificate_face(certificate), verify_url=verify_url(certificate)))

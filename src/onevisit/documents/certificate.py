"""The printable copy of an e-certificate (电子证照打印件): the face fields, the identifier, the
issuer's seal and a QR code with the verification address. Knows nothing about the certificates
app: it prints a ``CertificatePrint``.

The paper copy is for reading; what verifiers trust is the signed credential, which the QR leads to.
"""

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import segno

from onevisit.documents.decision import chinese_date
from onevisit.documents.pdf import pdf_render
from onevisit.documents.seal import seal_layout


@dataclass(frozen=True, kw_only=True)
class CertificatePrint:
    type_name: str
    identifier: str
    holder_name: str
    holder_id_masked: str
    issuer_name: str
    issued_at: datetime
    valid_until: date | None = None
    status_label: str
    valid: bool
    fields: list[tuple[str, str]] = field(default_factory=list)  # (label, value) in face order
    verify_url: str


def qr_svg(text: str) -> str:
    """An inline SVG QR code (segno), medium error correction so a creased print still scans."""
    return segno.make(text, error="m", micro=False).svg_inline(scale=3, border=2, omitsize=True)


def render_certificate_pdf(document: CertificatePrint) -> bytes:
    """An A4 PDF with the CJK fonts embedded; the same certificate gives the same bytes.

    Raises ``DocumentFontMissing`` when the server lacks the CJK fonts.
    """
    context: dict[str, Any] = {
        "doc": document,
        "issued_on": chinese_date(document.issued_at),
        "valid_until": f"{document.valid_until.year}年{document.valid_until.month}月{document.valid_until.day}日"
        if document.valid_until else "长期",
        "qr": qr_svg(document.verify_url),
        "seal": seal_layout(document.issuer_name),
    }
    return pdf_render("documents/certificate.html", context, title=f"{document.type_name} {document.identifier}",
                      author=document.issuer_name, created=document.issued_at)

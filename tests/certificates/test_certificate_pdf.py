"""The printable copy: Chinese text a machine can read, CJK fonts embedded, a QR code with the
verification address."""

import io

import pytest
from pypdf import PdfReader

from documents.test_decision_pdf import embedded_fonts
from onevisit.certificates.printing import certificate_pdf, verify_url

pytestmark = pytest.mark.django_db


def test_pdf_has_embedded_cjk_fonts_and_extractable_chinese(citizen, issue):
    certificate = issue(citizen)

    pdf = certificate_pdf(certificate)

    found = embedded_fonts(pdf)
    assert found
    for name, streams in found.items():
        assert "CJK" in name.replace("-", ""), name
        assert streams & {"/FontFile2", "/FontFile3"}, name
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).replace(" ", "")
    assert "普通护照" in text  # the title is letter-spaced; the words still come out
    assert "证照状态：有效" in text and "持证主体王小明" in text and "发证机关：杭州市公安局" in text
    assert "330106********1236" in text and "E12345678" in text
    assert certificate.identifier in text.replace("\n", "")


def test_the_qr_code_carries_the_verification_address(citizen, issue):
    certificate = issue(citizen)

    assert verify_url(certificate).endswith("/verify/?id=" + certificate.identifier)
    assert b"<svg" not in certificate_pdf(certificate)[:10]  # a PDF, the QR drawn inside it

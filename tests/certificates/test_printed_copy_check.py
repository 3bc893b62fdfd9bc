"""What a printed certificate's QR code opens (/verify/?id=<identifier>): the certificate's current
status, its type and issuer, and nothing about the holder."""

import pytest

from onevisit.certificates.printing import verify_url
from onevisit.certificates.status_changes import certificate_status_change

pytestmark = pytest.mark.django_db


def printed_status(client, certificate_or_text):
    identifier = getattr(certificate_or_text, "identifier", certificate_or_text)
    response = client.get("/verify/", {"id": identifier})
    assert response.status_code == 200
    return response.content.decode()


def test_the_qr_code_of_a_valid_copy_shows_valid_without_personal_data(client, citizen, issue):
    certificate = issue(citizen)
    assert verify_url(certificate).endswith(f"/verify/?id={certificate.identifier}")

    page = printed_status(client, certificate)

    assert 'data-status="valid"' in page and "有效" in page
    assert "普通护照" in page and "杭州市公安局" in page and certificate.identifier in page
    assert "王小明" not in page and citizen.id_number not in page and "E12345678" not in page


def test_a_revoked_copy_shows_revoked(client, citizen, officer, issue):
    certificate = issue(citizen)
    certificate_status_change(certificate_id=certificate.pk, action="revoked", user=officer, reason="证件遗失补办")

    page = printed_status(client, certificate)

    assert 'data-status="revoked"' in page and "已撤销" in page and "请勿据此办理业务" in page


def test_a_mistyped_identifier_is_not_found(client, citizen, issue):
    certificate = issue(citizen)
    wrong = certificate.identifier[:-1] + ("0" if certificate.identifier[-1] != "0" else "1")

    page = printed_status(client, wrong)

    assert 'data-status="unknown"' in page and "未找到该证照" in page

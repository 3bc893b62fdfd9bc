"""The wallet (我的证照) in the portal and the API: only the holder's own certificates, statuses in words."""

import pytest

from onevisit.accounts import services as account_services
from onevisit.certificates.status_changes import certificate_status_change

pytestmark = pytest.mark.django_db


@pytest.fixture
def neighbour(db):
    return account_services.citizen_register(id_number="330106198807150023", full_name="陈静", password="Correct-Horse-9",
                                             phone="13800000003")


def test_an_empty_wallet_says_what_will_appear(client, citizen):
    client.force_login(citizen)

    page = client.get("/my/wallet/").content.decode()

    assert 'data-testid="wallet-empty"' in page and "无需再上传" in page


def test_list_and_detail_show_fields_issuer_identifier_and_status(client, citizen, issue):
    certificate = issue(citizen)
    client.force_login(citizen)

    listing = client.get("/my/wallet/").content.decode()
    detail = client.get(f"/my/wallet/{certificate.identifier}/").content.decode()

    assert "普通护照" in listing and "有效" in listing
    assert certificate.identifier in detail and "杭州市公安局" in detail and "E12345678" in detail
    assert "330106********1236" in detail and "330106199003071236" not in detail
    pdf = client.get(f"/my/wallet/{certificate.identifier}/certificate.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"


def test_a_revoked_certificate_says_so_and_why(client, citizen, officer, issue):
    certificate = issue(citizen)
    certificate_status_change(certificate_id=certificate.pk, action="revoked", user=officer, reason="证件遗失补办")
    client.force_login(citizen)

    detail = client.get(f"/my/wallet/{certificate.identifier}/").content.decode()

    assert "已撤销" in detail and "证件遗失补办" in detail and "不能再作为办事材料使用" in detail


def test_another_holders_certificate_is_not_found(client, citizen, neighbour, issue):
    certificate = issue(citizen)
    client.force_login(neighbour)

    assert client.get(f"/my/wallet/{certificate.identifier}/").status_code == 404
    assert client.get(f"/my/wallet/{certificate.identifier}/certificate.pdf").status_code == 404
    assert certificate.identifier not in client.get("/my/wallet/").content.decode()
    api = client.get(f"/api/v1/wallet/certificates/{certificate.identifier}")
    assert api.status_code == 404 and api.json()["code"] == "certificate_not_found"


def test_api_lists_and_details_my_certificates(client, citizen, issue):
    certificate = issue(citizen)
    client.force_login(citizen)

    listing = client.get("/api/v1/wallet/certificates").json()
    detail = client.get(f"/api/v1/wallet/certificates/{certificate.identifier}").json()

    assert [c["identifier"] for c in listing["items"]] == [certificate.identifier]
    assert listing["items"][0]["status"] == "valid" and listing["items"][0]["issuer_name"] == "杭州市公安局"
    assert detail["data"]["passport_number"] == "E12345678" and detail["sd_jwt"].endswith("~")
    assert client.get("/api/v1/wallet/certificates?enterprise=91330106MA2KH7QN0M").status_code == 404
    client.logout()
    assert client.get("/api/v1/wallet/certificates").status_code == 401

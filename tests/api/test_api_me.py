"""GET /api/v1/me: who is calling, by browser session or by bearer token."""

import datetime

import pytest
from django.utils import timezone

from onevisit.accounts import services

from .conftest import ERROR_KEYS, bearer

pytestmark = pytest.mark.django_db


def test_an_anonymous_caller_gets_401_with_the_error_shape(client):
    response = client.get("/api/v1/me")

    assert response.status_code == 401
    assert response["Content-Type"] == "application/json; charset=utf-8"
    body = response.json()
    assert set(body) == ERROR_KEYS
    assert body["code"] == "not_authenticated"
    assert body["message"]


def test_a_citizen_session_shows_the_citizen_with_the_masked_id_number(client, citizen):
    client.force_login(citizen, backend="onevisit.accounts.backends.CitizenBackend")

    response = client.get("/api/v1/me")

    assert response.status_code == 200
    assert response.json() == {
        "kind": "citizen", "username": "330106********1236", "full_name": "王小明",
        "masked_id_number": "330106********1236", "department": None, "roles": [], "enterprises": [],
    }
    assert "330106199003071236" not in response.content.decode()


def test_a_citizen_sees_the_enterprises_they_act_for(client, citizen, regions):
    services.enterprise_register(
        uscc="91330106MA2KH7QN0M", name="杭州西湖示范科技有限公司", region=regions["330106"],
        legal_representative_name="王小明", legal_representative_id_number=citizen.id_number,
    )
    client.force_login(citizen, backend="onevisit.accounts.backends.CitizenBackend")

    enterprises = client.get("/api/v1/me").json()["enterprises"]

    assert enterprises == [{"uscc": "91330106MA2KH7QN0M", "name": "杭州西湖示范科技有限公司"}]


def test_an_officer_session_shows_department_and_roles(client, officer):
    client.force_login(officer, backend="onevisit.accounts.backends.StaffBackend")

    body = client.get("/api/v1/me").json()

    assert body["kind"] == "staff"
    assert body["username"] == "hz.psb.officer"
    assert body["department"] == {"code": "330100-PSB", "name": "杭州市公安局"}
    assert body["roles"] == ["case_officer"]


def test_a_bearer_token_shows_the_system_it_was_issued_to(client, system_token):
    response = client.get("/api/v1/me", headers=bearer(system_token))

    assert response.status_code == 200
    body = response.json()
    assert (body["kind"], body["username"], body["full_name"]) == ("system", "zj.data.exchange", "浙江省公共数据平台")
    assert body["masked_id_number"] == ""


def test_a_bearer_token_of_a_citizen_shows_the_masked_id_number(client, citizen):
    _token, key = services.api_token_create(user=citizen, name="浙里办 App")

    body = client.get("/api/v1/me", headers=bearer(key)).json()

    assert body["masked_id_number"] == "330106********1236"


def test_a_revoked_token_gets_401(client, exchange_platform, system_token):
    services.api_token_revoke(prefix=system_token.split("_")[1])

    response = client.get("/api/v1/me", headers=bearer(system_token))

    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


def test_an_expired_token_gets_401(client, exchange_platform):
    _token, key = services.api_token_create(user=exchange_platform, name="婚姻登记数据共享",
                                            expires_at=timezone.now() - datetime.timedelta(minutes=1))

    assert client.get("/api/v1/me", headers=bearer(key)).status_code == 401


@pytest.mark.parametrize("header", ["Bearer ov_0000000000_invented", "Bearer ", "Basic emouZGF0YTpwYXNz", "ov_x"])
def test_an_unknown_or_malformed_authorization_gets_401(client, db, header):
    response = client.get("/api/v1/me", headers={"Authorization": header})

    assert response.status_code == 401
    assert set(response.json()) == ERROR_KEYS

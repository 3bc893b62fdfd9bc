"""A registry's own HTTP API (/registries/<code>/v1/): what another organisation's server offers
the platform, authenticated per client, answering in the contract's terms."""

from __future__ import annotations

import datetime
import hashlib
import json

import pytest
from django.test import Client

from onevisit.registries.contract import (
    FieldSpec,
    FieldType,
    ItemSpec,
    Record,
    RegistryProvider,
    SubjectType,
)

WANG = "330106199003071236"
SECRET = "civil-test-secret"
UPDATED = datetime.datetime(2026, 3, 1, 9, 30, tzinfo=datetime.UTC)

MARRIAGE = ItemSpec(
    code="civil.marriage", name="婚姻登记信息", name_en="Marriage registration", subject_type=SubjectType.PERSON,
    fields=(FieldSpec("status", FieldType.STRING, "婚姻状况", "Marital status"),
            FieldSpec("registered_on", FieldType.DATE, "登记日期", "Registered on")),
)


def marriages(subject: str, fields: tuple[str, ...]) -> list[Record]:
    if subject != WANG:
        return []
    return [Record(item="civil.marriage", subject=subject, record_id="M-2019-0042", source="civil", version=2,
                   updated_at=UPDATED, data={"status": "已婚", "registered_on": "2019-05-20"})]


def broken(subject: str, fields: tuple[str, ...]) -> list[Record]:
    raise RuntimeError("registry bug")


CIVIL = RegistryProvider(code="civil", name="民政测试登记")
CIVIL.register(MARRIAGE, marriages)
CIVIL.register(ItemSpec(code="civil.broken", name="坏", name_en="Broken", subject_type=SubjectType.PERSON,
                        fields=(FieldSpec("x", FieldType.STRING, "x", "x"),)), broken)


@pytest.fixture(autouse=True)
def providers_civil_served(settings):
    settings.ONEVISIT_REGISTRY_HTTP_EXTRA = {"civil": f"{__name__}.CIVIL"}
    settings.ONEVISIT_REGISTRY_CLIENTS = {"zj-platform": hashlib.sha256(SECRET.encode()).hexdigest()}


@pytest.fixture
def client():
    # Machine-to-machine: no CSRF token, and it must not be needed.
    return Client(enforce_csrf_checks=True, headers={"Authorization": f"Bearer zj-platform:{SECRET}"})


def post(client, body, code="civil"):
    data = body if isinstance(body, str | bytes) else json.dumps(body)
    return client.post(f"/registries/{code}/v1/query", data=data, content_type="application/json")


def test_the_item_specs_are_published(client):
    response = client.get("/registries/civil/v1/items")

    assert response.status_code == 200
    body = response.json()
    assert body["registry"] == "civil" and body["name"] == "民政测试登记"
    assert body["items"][0] == {
        "code": "civil.marriage", "name": "婚姻登记信息", "name_en": "Marriage registration", "subject_type": "person",
        "update_frequency": "realtime",
        "fields": [
            {"name": "status", "type": "string", "label": "婚姻状况", "label_en": "Marital status", "sensitivity": "internal"},
            {"name": "registered_on", "type": "date", "label": "登记日期", "label_en": "Registered on", "sensitivity": "internal"},
        ],
    }


def test_a_query_answers_records_with_source_version_and_times(client):
    response = post(client, {"item": "civil.marriage", "subject": WANG, "fields": ["status"]})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Cache-Control"] == "no-store"
    body = response.json()
    assert datetime.datetime.fromisoformat(body.pop("retrieved_at")).tzinfo is not None
    assert body == {"item": "civil.marriage", "subject": WANG, "count": 1, "records": [{
        "record_id": "M-2019-0042", "item": "civil.marriage", "subject": WANG, "data": {"status": "已婚"},
        "source": "civil", "version": 2, "updated_at": "2026-03-01T09:30:00+00:00",
    }]}
    assert "已婚".encode() in response.content  # UTF-8, not \\u escapes


def test_no_records_is_a_complete_empty_answer(client):
    body = post(client, {"item": "civil.marriage", "subject": "110101199001011237"}).json()
    assert (body["count"], body["records"]) == (0, [])


@pytest.mark.parametrize("authorization", [
    None, "", "Bearer zj-platform:wrong", "Bearer zj-platform", "Bearer :" + SECRET, "Basic zj-platform:" + SECRET,
    "Bearer someone-else:" + SECRET,
])
def test_missing_or_wrong_client_credentials_are_refused(authorization):
    headers = {"Authorization": authorization} if authorization is not None else {}
    for response in (Client(headers=headers).get("/registries/civil/v1/items"),
                     post(Client(headers=headers), {"item": "civil.marriage", "subject": WANG})):
        assert response.status_code == 401
        assert response.json()["code"] == "provider_rejected"
        assert response["WWW-Authenticate"] == 'Bearer realm="registry"'


def test_without_configured_clients_every_call_is_refused(settings, client):
    settings.ONEVISIT_REGISTRY_CLIENTS = {}
    assert client.get("/registries/civil/v1/items").status_code == 401


def test_an_unknown_item_is_404_unknown_item(client):
    response = post(client, {"item": "civil.pets", "subject": WANG})
    assert (response.status_code, response.json()["code"]) == (404, "unknown_item")


def test_an_unknown_registry_is_404_unknown_registry(client):
    response = client.get("/registries/moon/v1/items")
    assert (response.status_code, response.json()["code"]) == (404, "unknown_registry")


@pytest.mark.parametrize("body", [
    {"item": "civil.marriage", "subject": WANG, "fields": ["salary"]},
    {"item": "civil.marriage", "subject": WANG, "fields": "status"},
    {"item": "civil.marriage"},
    {"item": "civil.marriage", "subject": "", "fields": None},
    {"item": "civil.marriage", "subject": WANG, "extra": 1},
    ["civil.marriage", WANG],
    '{"item": "civil.marriage", "subj',
])
def test_a_malformed_query_is_422_invalid_query(client, body):
    response = post(client, body)
    assert (response.status_code, response.json()["code"]) == (422, "invalid_query")


def test_a_registry_failure_is_a_json_500_without_records(client):
    response = post(client, {"item": "civil.broken", "subject": WANG})
    assert response.status_code == 500
    assert response.json() == {"code": "internal_error", "message": "the registry failed to answer", "details": {}}


def test_the_wrong_method_is_405(client):
    assert client.get("/registries/civil/v1/query").status_code == 405
    assert post(client, {}, code="civil").status_code != 405
    assert client.post("/registries/civil/v1/items").status_code == 405


def test_a_body_over_the_upload_limit_is_422_not_a_crash(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100
    response = post(client, {"item": "civil.marriage", "subject": WANG, "fields": ["status"] * 20})
    assert (response.status_code, response.json()["details"]) == (422, {"reason": "too_large"})

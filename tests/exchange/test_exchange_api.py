"""The exchange API: catalogue, grants and the gateway over HTTP, errors as {code, message, details}."""

import pytest
from django.test import Client

from onevisit.accounts import services as account_services
from onevisit.exchange.models import AccessLog, GrantStatus

from .exchange_registries import WANG


def bearer_for(user) -> dict[str, str]:
    _token, key = account_services.api_token_create(user=user, name="测试")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


@pytest.fixture
def consumer_system(exchange_consumer):
    """The Xihu PSB's household registration system, bound to its department."""
    user = account_services.system_user_create(username="xihu.psb.hukou", full_name="西湖公安户政系统")
    user.department = exchange_consumer
    user.save(update_fields=["department"])
    return user


@pytest.fixture
def api(client: Client):
    def call(method: str, path: str, user=None, body=None):
        headers = bearer_for(user) if user is not None else {}
        if method == "get":
            return client.get(f"/api/v1{path}", body or {}, **headers)
        return client.post(f"/api/v1{path}", body or {}, content_type="application/json", **headers)
    return call


FETCH = {"item": "population.hukou", "purpose": "DEMO-M01", "subject": WANG, "reference": "APP-2026-000123"}


def test_the_catalogue_lists_items_with_fields_and_filters(api, exchange_catalogue, exchange_clerk):
    everything = api("get", "/catalogue/items", exchange_clerk).json()
    psb = api("get", "/catalogue/items", exchange_clerk, {"sector": "PSB"}).json()
    unconditional = api("get", "/catalogue/items", exchange_clerk, {"sharing_class": "unconditional"}).json()

    assert everything["count"] >= 6
    assert {i["code"] for i in psb["items"]} >= {"population.person", "population.hukou"}
    assert all(i["owner_department"]["code"] == "330000-PSB" for i in psb["items"])
    assert "enterprise.registration" in {i["code"] for i in unconditional["items"]}


def test_one_item_shows_fields_sensitivity_and_legal_basis(api, exchange_catalogue, exchange_clerk):
    body = api("get", "/catalogue/items/population.person", exchange_clerk).json()

    assert body["sharing_class"] == "conditional"
    assert "《中华人民共和国居民身份证法》" in body["legal_basis"]
    ethnicity = next(f for f in body["fields"] if f["name"] == "ethnicity")
    assert (ethnicity["sensitivity"], ethnicity["sharing_class"]) == ("sensitive_personal", "not_shared")


def test_an_unknown_item_is_a_404_with_a_code(api, exchange_catalogue, exchange_clerk):
    response = api("get", "/catalogue/items/population.horoscope", exchange_clerk)

    assert response.status_code == 404
    assert response.json()["code"] == "unknown_item"


def test_the_catalogue_needs_a_login(api, exchange_catalogue):
    assert api("get", "/catalogue/items").status_code == 401


def test_request_decide_list_and_revoke_a_grant(api, exchange_catalogue, exchange_consumer_officer,
                                                exchange_owner_officers):
    requested = api("post", "/grants", exchange_consumer_officer, {
        "item": "population.hukou", "fields": ["household_number", "address"], "purpose": "DEMO-M01",
        "purpose_label": "出生登记", "legal_basis": "《中华人民共和国户口登记条例》第七条"})
    assert requested.status_code == 201, requested.json()
    grant_id = requested.json()["id"]
    assert requested.json()["status"] == "requested"

    waiting = api("get", "/grants", exchange_owner_officers["PSB"], {"role": "owner", "status": "requested"}).json()
    assert [g["id"] for g in waiting["items"]] == [grant_id]

    decided = api("post", f"/grants/{grant_id}/decision", exchange_owner_officers["PSB"],
                  {"approve": True, "reason": "依据充分"})
    assert decided.status_code == 200
    assert decided.json()["status"] == GrantStatus.GRANTED

    mine = api("get", "/grants", exchange_consumer_officer).json()
    assert [(g["id"], g["status"]) for g in mine["items"]] == [(grant_id, "granted")]

    revoked = api("post", f"/grants/{grant_id}/revoke", exchange_owner_officers["PSB"], {"reason": "停止共享"})
    assert revoked.json()["status"] == "revoked"


def test_a_not_shared_request_is_recorded_as_refused(api, exchange_catalogue, exchange_consumer_officer):
    response = api("post", "/grants", exchange_consumer_officer, {
        "item": "health.vaccination", "purpose": "DEMO-M01", "legal_basis": "入学查验"})

    assert response.status_code == 201
    assert response.json()["status"] == "refused"


def test_only_the_owners_data_officer_decides_over_the_api(api, exchange_catalogue, exchange_consumer_officer):
    grant_id = api("post", "/grants", exchange_consumer_officer, {
        "item": "population.hukou", "purpose": "DEMO-M01", "legal_basis": "依据"}).json()["id"]

    response = api("post", f"/grants/{grant_id}/decision", exchange_consumer_officer, {"approve": True})

    assert response.status_code == 403
    assert response.json()["code"] == "not_owner_department"


def test_someone_elses_grant_is_403_and_a_missing_one_404(api, exchange_grant, exchange_make_staff):
    grant = exchange_grant("population.hukou")
    stranger = exchange_make_staff("330100-AMR", "hz.amr.data", ["data_officer"])

    assert api("post", f"/grants/{grant.pk}/revoke", stranger, {"reason": "x"}).status_code == 403
    assert api("post", "/grants/999999/revoke", stranger, {"reason": "x"}).status_code == 404


def test_a_citizen_has_no_department_to_request_for(api, exchange_catalogue, citizen):
    response = api("post", "/grants", citizen, {"item": "population.hukou", "purpose": "DEMO-M01", "legal_basis": "x"})

    assert response.status_code == 403
    assert response.json()["code"] == "no_department"


def test_the_gateway_serves_a_granted_system_with_evidence(api, exchange_grant, consumer_system):
    exchange_grant("population.hukou")

    response = api("post", "/exchange/fetch", consumer_system, FETCH)

    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["consumer"] == "330106-PSB"
    assert body["records"][0]["data"]["head_name"] == "王小明"
    assert body["records"][0]["display"]["head_name"] == "王*明"
    assert body["records"][0]["source"] == "population"
    assert len(body["content_hash"]) == len(body["response_id"]) == 64
    assert AccessLog.objects.get(pk=body["access_log_id"]).acting_user == consumer_system


@pytest.mark.parametrize(("body", "code"), [
    (FETCH, "grant_missing"),
    ({**FETCH, "item": "health.vaccination"}, "item_not_shared"),
    ({**FETCH, "purpose": "DEMO-M09"}, "purpose_mismatch"),
])
def test_the_gateway_refuses_with_a_403_and_a_code_and_logs_it(api, exchange_grant, consumer_system, body, code):
    exchange_grant("marriage.status")
    if code == "purpose_mismatch":
        exchange_grant("population.hukou")

    response = api("post", "/exchange/fetch", consumer_system, body)

    assert response.status_code == 403
    assert response.json()["code"] == code
    assert AccessLog.objects.get().error_code == code


def test_a_malformed_subject_is_a_422_naming_it(api, exchange_grant, consumer_system):
    exchange_grant("population.hukou")

    response = api("post", "/exchange/fetch", consumer_system, {**FETCH, "subject": "330106199003071234"})

    assert response.status_code == 422
    assert response.json()["details"][0]["field"] == "subject"


def test_a_down_provider_is_a_503_with_its_code(api, exchange_grant, consumer_system):
    from .exchange_registries import BROKEN

    exchange_grant("population.hukou")

    response = api("post", "/exchange/fetch", consumer_system, {**FETCH, "subject": BROKEN})

    assert response.status_code == 503
    assert response.json()["code"] == "provider_unavailable"


def test_the_gateway_operation_documents_provider_errors(client):
    operation = client.get("/api/v1/openapi.json").json()["paths"]["/api/v1/exchange/fetch"]["post"]

    assert {"200", "403", "429", "502", "503", "504"} <= set(operation["responses"])

"""The verifier over HTTP: the API's typed answers and errors, the public and workbench pages, the
holder's show page."""

import pytest

from onevisit.certificates.models import Verification, VerifierRequest
from onevisit.certificates.presenting import certificate_present

from .wallet_world import licence_for

pytestmark = pytest.mark.django_db
ERROR_KEYS = {"code", "message", "details"}


@pytest.fixture
def licence(citizen, department):
    return licence_for(citizen, department)


def _shown(citizen, licence, code=""):
    return certificate_present(user=citizen, certificate=licence, fields=["name", "uscc"], request_code=code)


def test_api_creates_a_request_and_verifies_a_presentation_bound_to_it(client, citizen, licence):
    created = client.post("/api/v1/verifier/requests", {"verifier_name": "银行网点", "purpose": "开户"},
                          content_type="application/json")
    assert created.status_code == 201 and created.json()["holder_url"].endswith(created.json()["code"])
    code = created.json()["code"]
    shown = _shown(citizen, licence, code)
    answer = client.post("/api/v1/verifier/verify", {"presentation": shown.presentation, "request_code": code},
                         content_type="application/json")
    body = answer.json()
    assert answer.status_code == 200 and body["valid"] and body["code"] == "ok"
    assert set(body["claims"]) == {"name", "uscc"} and body["message"]["en"].startswith("Valid")
    again = client.post("/api/v1/verifier/verify", {"presentation": shown.presentation, "request_code": code},
                        content_type="application/json").json()
    assert again["code"] == "replayed" and not again["valid"]


def test_api_tampered_presentation_gets_a_code_not_an_error(client, citizen, licence):
    shown = _shown(citizen, licence)
    head, payload, signature = shown.presentation.split("~")[0].split(".")
    tampered = shown.presentation.replace(payload, payload[:-4] + ("AAAA" if payload[-4:] != "AAAA" else "BBBB"), 1)
    body = client.post("/api/v1/verifier/verify", {"presentation": tampered}, content_type="application/json").json()
    assert body["code"] in {"tampered", "malformed"} and not body["valid"]


def test_api_unknown_request_code_is_a_typed_404(client, citizen, licence):
    response = client.post("/api/v1/verifier/verify",
                           {"presentation": _shown(citizen, licence).presentation, "request_code": "NOPE2345"},
                           content_type="application/json")
    assert response.status_code == 404 and set(response.json()) == ERROR_KEYS
    assert response.json()["code"] == "verifier_request_not_found"


@pytest.mark.parametrize("body", [{}, {"presentation": ""}, {"presentation": "x" * 20_001}, {"presentation": 7}])
def test_api_bad_input_is_a_typed_422(client, body):
    response = client.post("/api/v1/verifier/verify", body, content_type="application/json")
    assert response.status_code == 422 and response.json()["code"] == "validation_failed"


def test_api_garbage_is_malformed(client):
    body = client.post("/api/v1/verifier/verify", {"presentation": "不是证照"}, content_type="application/json").json()
    assert body["code"] == "malformed"


def test_public_page_shows_valid_and_only_the_disclosed_fields(client, citizen, licence):
    page = client.post("/verify/", {"presentation": _shown(citizen, licence).presentation})
    html = page.content.decode()
    assert page.status_code == 200 and 'data-code="ok"' in html
    assert "杭州西湖小馆餐饮有限公司" in html and "王小明" not in html and "文三路" not in html


def test_public_request_page_has_a_qr_and_checks_against_its_code(client, citizen, licence):
    response = client.post("/verify/requests/", {"verifier_name": "西湖区市场监管所"})
    code = VerifierRequest.objects.get().code
    assert response.status_code == 302 and response.url.endswith(f"/verify/r/{code}/")
    page = client.get(response.url).content.decode()
    assert "<svg" in page and code in page
    result = client.post(response.url, {"presentation": _shown(citizen, licence, code).presentation})
    assert 'data-code="ok"' in result.content.decode()


def test_unknown_request_page_is_404(client):
    assert client.get("/verify/r/NOPE2345/").status_code == 404


def test_workbench_verification_is_recorded_under_the_officer(client, citizen, licence, officer):
    client.force_login(officer)
    page = client.post("/workbench/verify/", {"presentation": _shown(citizen, licence).presentation})
    assert 'data-code="ok"' in page.content.decode()
    row = Verification.objects.get()
    assert row.verified_by == officer and row.channel == "workbench" and row.department == officer.department
    assert "verification-row" in client.get("/workbench/verify/").content.decode()


def test_holder_show_page_makes_a_qr_with_only_the_ticked_fields(client, citizen, licence):
    client.force_login(citizen, backend="onevisit.accounts.backends.CitizenBackend")
    url = f"/my/wallet/{licence.identifier}/show/"
    form = client.get(url).content.decode()
    assert 'type="checkbox"' in form and "checked" not in form
    page = client.post(url, {"fields": ["legal_person", "address"]})
    html = page.content.decode()
    assert page.status_code == 200 and "<svg" in html and 'data-testid="presentation-text"' in html


def test_holder_cannot_show_someone_elses_certificate(client, licence):
    from onevisit.accounts import services as account_services
    stranger = account_services.citizen_register(id_number="110101199001011237", full_name="李四",
                                                 password="Correct-Horse-9", phone="13800000002")
    client.force_login(stranger, backend="onevisit.accounts.backends.CitizenBackend")
    assert client.get(f"/my/wallet/{licence.identifier}/show/").status_code == 404


# --- budgets for anonymous callers --------------------------------------------------------------

def test_an_anonymous_client_over_its_request_budget_gets_a_typed_429(client, settings):
    settings.ONEVISIT_VERIFIER_ANONYMOUS_LIMITS = {"request": (2, 600)}
    for _ in range(2):
        assert client.post("/api/v1/verifier/requests", {"verifier_name": "窗口"}, content_type="application/json").status_code == 201

    refused = client.post("/api/v1/verifier/requests", {"verifier_name": "窗口"}, content_type="application/json")

    assert refused.status_code == 429 and set(refused.json()) == ERROR_KEYS
    assert refused.json()["code"] == "rate_limited" and refused.json()["details"]["retry_after"] >= 1
    assert VerifierRequest.objects.count() == 2
    other = client.post("/api/v1/verifier/requests", {"verifier_name": "窗口"}, content_type="application/json", REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 201  # another client has its own budget


def test_the_public_page_says_when_to_try_again_and_records_nothing(client, citizen, licence, settings):
    settings.ONEVISIT_VERIFIER_ANONYMOUS_LIMITS = {"verify": (1, 600), "request": (1, 600)}
    shown = _shown(citizen, licence).presentation
    assert client.post("/verify/", {"presentation": shown}).status_code == 200

    refused = client.post("/verify/", {"presentation": shown})
    assert refused.status_code == 429 and "操作过于频繁" in refused.content.decode()
    assert Verification.objects.count() == 1

    assert client.post("/verify/requests/", {"verifier_name": "窗口"}).status_code == 302
    again = client.post("/verify/requests/", {"verifier_name": "窗口"})
    assert again.status_code == 429 and 'data-testid="throttled"' in again.content.decode()


def test_staff_are_not_held_to_the_anonymous_budget(client, officer, settings):
    settings.ONEVISIT_VERIFIER_ANONYMOUS_LIMITS = {"request": (1, 600)}
    client.force_login(officer)

    for _ in range(3):
        assert client.post("/api/v1/verifier/requests", {"verifier_name": "窗口"}, content_type="application/json").status_code == 201

"""POST /api/v1/enterprises/{uscc}/agents: the legal representative authorises an agent."""

import pytest
from django.test import Client

from onevisit.accounts import services
from onevisit.accounts.models import EnterpriseMandate, MandateRole

from .conftest import PASSWORD_FOR_AGENT, bearer, error_fields

pytestmark = pytest.mark.django_db

USCC = "91330106MA2KH7QN0M"


@pytest.fixture
def enterprise(regions, citizen):
    return services.enterprise_register(
        uscc=USCC, name="杭州西湖示范科技有限公司", region=regions["330106"],
        legal_representative_name="王小明", legal_representative_id_number=citizen.id_number,
    )


@pytest.fixture
def agent(db):
    return services.citizen_register(id_number="11010519491231002X", full_name="张桂英", password=PASSWORD_FOR_AGENT)


@pytest.fixture
def representative_client(client, citizen):
    client.force_login(citizen, backend="onevisit.accounts.backends.CitizenBackend")
    return client


def grant(client, uscc, **payload):
    return client.post(f"/api/v1/enterprises/{uscc}/agents", payload, content_type="application/json")


def test_the_legal_representative_authorises_an_agent(representative_client, enterprise, agent):
    response = grant(representative_client, USCC, agent_id_number="11010519491231002x", valid_until="2027-06-30")

    assert response.status_code == 201
    assert response.json() == {
        "enterprise": {"uscc": USCC, "name": "杭州西湖示范科技有限公司"},
        "agent_masked_id_number": "110105********002X", "role": "agent", "valid_until": "2027-06-30",
    }
    assert EnterpriseMandate.objects.get(enterprise=enterprise, user=agent).role == MandateRole.AGENT


def test_a_lower_case_uscc_in_the_path_finds_the_enterprise(representative_client, enterprise, agent):
    assert grant(representative_client, USCC.lower(), agent_id_number=agent.id_number).status_code == 201


def test_a_bad_uscc_in_the_path_is_a_422_naming_uscc(representative_client, enterprise, agent):
    response = grant(representative_client, "91330106MA2KH7QN0A", agent_id_number=agent.id_number)

    assert response.status_code == 422
    assert error_fields(response) == {"uscc"}


def test_a_bad_agent_id_number_is_a_422_naming_it(representative_client, enterprise):
    response = grant(representative_client, USCC, agent_id_number="110105194912310021")

    assert response.status_code == 422
    assert error_fields(response) == {"agent_id_number"}


def test_an_agent_without_an_account_is_a_422_naming_it(representative_client, enterprise):
    response = grant(representative_client, USCC, agent_id_number="440524188001010014")

    assert error_fields(response) == {"agent_id_number"}


def test_an_unknown_enterprise_is_a_404(representative_client, enterprise, agent):
    response = grant(representative_client, "91350100M000100Y43", agent_id_number=agent.id_number)

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_an_agent_cannot_authorise_another_agent(client, enterprise, citizen, agent):
    services.mandate_grant_agent(enterprise=enterprise, granted_by=citizen, agent_id_number=agent.id_number)
    services.citizen_register(id_number="440524188001010014", full_name="黄志强", password=PASSWORD_FOR_AGENT)
    client.force_login(agent, backend="onevisit.accounts.backends.CitizenBackend")

    response = grant(client, USCC, agent_id_number="440524188001010014")

    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"


def test_a_system_token_cannot_authorise_for_an_enterprise(client, enterprise, agent, system_token):
    response = client.post(f"/api/v1/enterprises/{USCC}/agents", {"agent_id_number": agent.id_number},
                           content_type="application/json", headers=bearer(system_token))

    assert response.status_code == 403


def test_an_anonymous_caller_gets_401(client, enterprise, agent):
    assert grant(client, USCC, agent_id_number=agent.id_number).status_code == 401


def test_a_browser_session_without_the_csrf_token_cannot_write(citizen, enterprise, agent):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(citizen, backend="onevisit.accounts.backends.CitizenBackend")

    response = grant(browser, USCC, agent_id_number=agent.id_number)

    assert response.status_code == 403
    assert set(response.json()) == {"code", "message", "details"}
    assert not EnterpriseMandate.objects.filter(user=agent).exists()

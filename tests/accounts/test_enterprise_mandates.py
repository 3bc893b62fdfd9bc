"""A citizen acts for an enterprise as its legal representative or as an agent the legal
representative authorised (企业授权经办人)."""

import datetime

import pytest

from onevisit.accounts import selectors, services
from onevisit.accounts.models import EnterpriseMandate, MandateRole
from onevisit.core.errors import PermissionDenied, ValidationFailed

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db

USCC = "91330106MA2KH7QN0M"


@pytest.fixture
def enterprise(regions, citizen):
    """杭州西湖示范科技有限公司, whose legal representative is the `citizen` fixture, 王小明."""
    return services.enterprise_register(
        uscc=USCC, name="杭州西湖示范科技有限公司", region=regions["330106"],
        legal_representative_name="王小明", legal_representative_id_number="330106199003071236",
        address="杭州市西湖区文三路 90 号",
    )


@pytest.fixture
def agent(db):
    return services.citizen_register(id_number="11010519491231002X", full_name="张桂英", password=PASSWORD)


def test_registering_an_enterprise_gives_its_legal_representative_a_mandate(enterprise, citizen):
    mandate = EnterpriseMandate.objects.get(enterprise=enterprise)

    assert mandate.user == citizen
    assert mandate.role == MandateRole.LEGAL_REPRESENTATIVE
    assert list(selectors.enterprises_acted_for(user=citizen)) == [enterprise]


def test_registering_an_enterprise_with_an_invalid_uscc_names_the_field(regions, citizen):
    with pytest.raises(ValidationFailed) as exc_info:
        services.enterprise_register(
            uscc="91330106MA2KH7QN0A", name="杭州西湖示范科技有限公司", region=regions["330106"],
            legal_representative_name="王小明", legal_representative_id_number="330106199003071236",
        )

    assert exc_info.value.details[0]["field"] == "uscc"


def test_the_legal_representative_can_authorise_an_agent(enterprise, citizen, agent):
    mandate = services.mandate_grant_agent(enterprise=enterprise, granted_by=citizen,
                                           agent_id_number="11010519491231002x",
                                           valid_until=datetime.date(2027, 6, 30))

    assert mandate.user == agent
    assert mandate.role == MandateRole.AGENT
    assert mandate.granted_by == citizen
    assert mandate.valid_until == datetime.date(2027, 6, 30)
    assert list(selectors.enterprises_acted_for(user=agent)) == [enterprise]


def test_an_agent_cannot_authorise_another_agent(enterprise, citizen, agent):
    services.mandate_grant_agent(enterprise=enterprise, granted_by=citizen, agent_id_number=agent.id_number)
    third = services.citizen_register(id_number="440524188001010014", full_name="黄志强", password=PASSWORD)

    with pytest.raises(PermissionDenied):
        services.mandate_grant_agent(enterprise=enterprise, granted_by=agent, agent_id_number=third.id_number)

    assert not EnterpriseMandate.objects.filter(user=third).exists()


def test_a_stranger_cannot_authorise_an_agent(enterprise, agent):
    with pytest.raises(PermissionDenied):
        services.mandate_grant_agent(enterprise=enterprise, granted_by=agent, agent_id_number=agent.id_number)


def test_an_invalid_agent_id_number_is_a_field_error(enterprise, citizen):
    with pytest.raises(ValidationFailed) as exc_info:
        services.mandate_grant_agent(enterprise=enterprise, granted_by=citizen, agent_id_number="110105194912310021")

    assert exc_info.value.details == [{"field": "agent_id_number", "message": "身份证号码校验位不正确"}]


def test_an_agent_without_an_account_is_a_field_error(enterprise, citizen):
    with pytest.raises(ValidationFailed) as exc_info:
        services.mandate_grant_agent(enterprise=enterprise, granted_by=citizen, agent_id_number="440524188001010014")

    assert exc_info.value.details == [{"field": "agent_id_number", "message": "该身份证号码尚未注册账号"}]


def test_the_legal_representative_cannot_turn_their_own_mandate_into_an_agents(enterprise, citizen):
    with pytest.raises(ValidationFailed) as exc_info:
        services.mandate_grant_agent(enterprise=enterprise, granted_by=citizen, agent_id_number=citizen.id_number)

    assert exc_info.value.details[0]["field"] == "agent_id_number"
    assert EnterpriseMandate.objects.get(enterprise=enterprise, user=citizen).role == MandateRole.LEGAL_REPRESENTATIVE


def test_an_agent_mandate_that_has_expired_no_longer_counts(enterprise, citizen, agent):
    services.mandate_grant_agent(enterprise=enterprise, granted_by=citizen, agent_id_number=agent.id_number,
                                 valid_until=datetime.date.today() - datetime.timedelta(days=1))

    assert list(selectors.enterprises_acted_for(user=agent)) == []


def test_authorising_the_same_agent_again_renews_the_one_mandate(enterprise, citizen, agent):
    services.mandate_grant_agent(enterprise=enterprise, granted_by=citizen, agent_id_number=agent.id_number,
                                 valid_until=datetime.date(2026, 12, 31))
    services.mandate_grant_agent(enterprise=enterprise, granted_by=citizen, agent_id_number=agent.id_number,
                                 valid_until=datetime.date(2027, 12, 31))

    mandate = EnterpriseMandate.objects.get(enterprise=enterprise, user=agent)
    assert mandate.valid_until == datetime.date(2027, 12, 31)

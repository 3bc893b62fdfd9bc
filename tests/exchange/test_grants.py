"""Access grants (共享授权): request, decision by the owner's data officer, revocation, expiry."""

import datetime

import pytest
from django.utils import timezone

from onevisit.accounts.models import StaffRole
from onevisit.core.errors import Conflict, PermissionDenied, ValidationFailed
from onevisit.exchange import services
from onevisit.exchange.catalogue import catalogue_terms
from onevisit.exchange.errors import NoDepartment, UnknownDataItem
from onevisit.exchange.models import AccessGrant, GrantStatus

from .conftest import EXCHANGE_PURPOSE


@pytest.fixture
def request_grant(exchange_catalogue, exchange_consumer, exchange_consumer_officer):
    def make(item="population.hukou", fields=None, purpose=EXCHANGE_PURPOSE, **kwargs):
        kwargs.setdefault("requested_by", exchange_consumer_officer)
        kwargs.setdefault("consumer", exchange_consumer)
        return services.grant_request(item_code=item, fields=fields, purpose=purpose,
                                      legal_basis="《中华人民共和国户口登记条例》第七条", **kwargs)
    return make


def test_a_conditional_item_waits_for_the_owner(request_grant):
    grant = request_grant("population.hukou", fields=["household_number", "address"])

    assert grant.status == GrantStatus.REQUESTED
    assert grant.fields == ["address", "household_number"]
    assert grant.valid_from is None


def test_an_unconditional_item_is_granted_at_once_with_an_expiry(request_grant, exchange_departments,
                                                                exchange_make_staff):
    officer = exchange_make_staff("330100-AMR", "hz.amr.data", [StaffRole.DATA_OFFICER])

    grant = request_grant("enterprise.registration", consumer=exchange_departments["330100-AMR"],
                          requested_by=officer, purpose="DEMO-M02")

    assert grant.status == GrantStatus.GRANTED
    assert grant.valid_from <= timezone.now() < grant.expires_at
    assert grant.expires_at - grant.valid_from == datetime.timedelta(days=365)
    assert grant.fields == ["address", "legal_representative", "name", "registered_capital"]


def test_a_conditional_field_in_an_unconditional_item_needs_approval(exchange_registries, exchange_departments,
                                                                     exchange_make_staff):
    terms = catalogue_terms()
    services.catalogue_sync_from_providers(terms={**terms, "items": {**terms["items"], "enterprise.registration": {
        **terms["items"]["enterprise.registration"], "fields": {"legal_representative": {"sharing_class": "conditional"}}}}})
    officer = exchange_make_staff("330100-AMR", "hz.amr.data", [StaffRole.DATA_OFFICER])
    amr = exchange_departments["330100-AMR"]

    everything = services.grant_request(consumer=amr, item_code="enterprise.registration", fields=None,
                                        purpose="DEMO-M02", legal_basis="依据", requested_by=officer)
    public_only = services.grant_request(consumer=amr, item_code="enterprise.registration", fields=["name", "address"],
                                         purpose="DEMO-M03", legal_basis="依据", requested_by=officer)

    assert everything.status == GrantStatus.REQUESTED
    assert public_only.status == GrantStatus.GRANTED


def test_a_not_shared_item_is_refused_and_the_refusal_recorded(request_grant):
    grant = request_grant("health.vaccination")

    assert grant.status == GrantStatus.REFUSED
    assert grant.decision_reason
    assert AccessGrant.objects.filter(pk=grant.pk, status=GrantStatus.REFUSED).exists()


def test_asking_for_a_not_shared_field_refuses_the_request(request_grant):
    grant = request_grant("population.person", fields=["sex", "ethnicity"])

    assert grant.status == GrantStatus.REFUSED
    assert "ethnicity" in grant.decision_reason


def test_without_fields_the_request_covers_every_shareable_field(request_grant):
    grant = request_grant("population.person")

    assert grant.status == GrantStatus.REQUESTED
    assert grant.fields == ["birth_date", "id_number", "name", "sex"]


def test_unknown_fields_purpose_and_empty_legal_basis_are_named(request_grant, exchange_consumer,
                                                               exchange_consumer_officer):
    with pytest.raises(ValidationFailed) as unknown:
        request_grant(fields=["household_number", "religion"])
    with pytest.raises(ValidationFailed) as purpose:
        request_grant(purpose="出生 登记")
    with pytest.raises(ValidationFailed) as basis:
        services.grant_request(consumer=exchange_consumer, item_code="population.hukou", fields=None,
                               purpose=EXCHANGE_PURPOSE, legal_basis="  ", requested_by=exchange_consumer_officer)

    assert unknown.value.details[0]["field"] == "fields"
    assert purpose.value.details[0]["field"] == "purpose"
    assert basis.value.details[0]["field"] == "legal_basis"


def test_an_unknown_item_is_not_found(request_grant):
    with pytest.raises(UnknownDataItem):
        request_grant("population.horoscope")


def test_the_same_request_cannot_wait_twice(request_grant):
    request_grant()

    with pytest.raises(Conflict):
        request_grant()


def test_only_the_consumers_data_officer_or_head_may_request(request_grant, exchange_clerk, exchange_make_staff,
                                                            citizen):
    other = exchange_make_staff("330100-AMR", "hz.amr.data", [StaffRole.DATA_OFFICER])

    with pytest.raises(PermissionDenied) as clerk:
        request_grant(requested_by=exchange_clerk)
    with pytest.raises(PermissionDenied) as other_department:
        request_grant(requested_by=other)
    with pytest.raises(NoDepartment):
        request_grant(requested_by=citizen)

    assert clerk.value.code == "role_required"
    assert other_department.value.code == "not_consumer_department"


def test_the_owners_data_officer_approves_and_the_grant_becomes_valid(request_grant, exchange_owner_officers):
    grant = request_grant()

    decided = services.grant_decide(grant_id=grant.pk, decided_by=exchange_owner_officers["PSB"], approve=True)

    assert decided.status == GrantStatus.GRANTED
    assert decided.decided_by == exchange_owner_officers["PSB"]
    assert decided.is_live(timezone.now())


def test_a_refusal_needs_a_reason_and_keeps_it(request_grant, exchange_owner_officers):
    grant = request_grant()

    with pytest.raises(ValidationFailed):
        services.grant_decide(grant_id=grant.pk, decided_by=exchange_owner_officers["PSB"], approve=False)
    refused = services.grant_decide(grant_id=grant.pk, decided_by=exchange_owner_officers["PSB"], approve=False,
                                    reason="用途与数据项无关")

    assert refused.status == GrantStatus.REFUSED
    assert refused.decision_reason == "用途与数据项无关"


def test_nobody_but_the_owners_data_officer_decides(request_grant, exchange_owner_officers, exchange_consumer_officer,
                                                   exchange_make_staff):
    grant = request_grant()
    owner_head = exchange_make_staff("330000-PSB", "zj.psb.head", [StaffRole.DEPARTMENT_HEAD])

    for user in (exchange_consumer_officer, exchange_owner_officers["CA"], owner_head):
        with pytest.raises(PermissionDenied):
            services.grant_decide(grant_id=grant.pk, decided_by=user, approve=True)
    assert AccessGrant.objects.get(pk=grant.pk).status == GrantStatus.REQUESTED


def test_a_decided_request_cannot_be_decided_again(request_grant, exchange_owner_officers):
    grant = request_grant()
    services.grant_decide(grant_id=grant.pk, decided_by=exchange_owner_officers["PSB"], approve=True)

    with pytest.raises(Conflict):
        services.grant_decide(grant_id=grant.pk, decided_by=exchange_owner_officers["PSB"], approve=False, reason="x")


def test_the_owner_or_the_consumer_can_revoke(exchange_grant, exchange_owner_officers, exchange_consumer_officer):
    by_owner = exchange_grant("population.hukou")
    by_consumer = exchange_grant("marriage.status")

    services.grant_revoke(grant_id=by_owner.pk, revoked_by=exchange_owner_officers["PSB"], reason="数据项调整")
    services.grant_revoke(grant_id=by_consumer.pk, revoked_by=exchange_consumer_officer, reason="不再需要")

    assert AccessGrant.objects.get(pk=by_owner.pk).status == GrantStatus.REVOKED
    assert AccessGrant.objects.get(pk=by_consumer.pk).revoke_reason == "不再需要"


def test_a_clerk_cannot_revoke_and_a_revoked_grant_cannot_be_revoked_again(exchange_grant, exchange_clerk,
                                                                         exchange_owner_officers):
    grant = exchange_grant("population.hukou")

    with pytest.raises(PermissionDenied):
        services.grant_revoke(grant_id=grant.pk, revoked_by=exchange_clerk, reason="x")
    services.grant_revoke(grant_id=grant.pk, revoked_by=exchange_owner_officers["PSB"], reason="x")
    with pytest.raises(Conflict):
        services.grant_revoke(grant_id=grant.pk, revoked_by=exchange_owner_officers["PSB"], reason="x")


def test_expired_grants_are_marked_expired(exchange_grant):
    soon = timezone.now() + datetime.timedelta(minutes=5)
    grant = exchange_grant("population.hukou", expires_at=soon)

    assert services.grants_expire(now=soon - datetime.timedelta(seconds=1)) == 0
    assert services.grants_expire(now=soon) == 1
    assert AccessGrant.objects.get(pk=grant.pk).status == GrantStatus.EXPIRED

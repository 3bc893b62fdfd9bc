"""Officers browse the data catalogue, ask for grants and decide them in the workbench."""

import pytest

from onevisit.exchange.models import AccessGrant, GrantStatus

pytestmark = pytest.mark.django_db

STAFF = "onevisit.accounts.backends.StaffBackend"


def test_the_catalogue_lists_items_with_owner_and_sharing_class(client, exchange_catalogue, exchange_clerk):
    client.force_login(exchange_clerk, backend=STAFF)

    page = client.get("/workbench/catalogue/").content.decode()

    assert "population.hukou" in page
    assert "有条件共享" in page or "无条件共享" in page


def test_the_catalogue_filters_by_sharing_class(client, exchange_catalogue, exchange_clerk):
    client.force_login(exchange_clerk, backend=STAFF)

    page = client.get("/workbench/catalogue/", {"sharing_class": "unconditional"}).content.decode()

    assert "有条件共享</span>" not in page


def test_an_item_page_shows_fields_sensitivity_and_legal_basis(client, exchange_catalogue, exchange_clerk):
    client.force_login(exchange_clerk, backend=STAFF)

    response = client.get("/workbench/catalogue/population.hukou/")

    assert response.status_code == 200
    page = response.content.decode()
    assert 'data-testid="fields-table"' in page
    assert "共享依据" in page


def test_an_unknown_item_is_a_404_page_not_an_error(client, exchange_catalogue, exchange_clerk):
    client.force_login(exchange_clerk, backend=STAFF)

    assert client.get("/workbench/catalogue/nothing.here/").status_code == 404


def test_citizens_cannot_open_the_catalogue(client, citizen):
    client.force_login(citizen, backend="onevisit.accounts.backends.CitizenBackend")

    assert client.get("/workbench/catalogue/").status_code == 302


def test_a_data_officer_requests_and_the_owner_approves_in_the_workbench(
    client, exchange_catalogue, exchange_consumer_officer, exchange_owner_officers
):
    client.force_login(exchange_consumer_officer, backend=STAFF)
    client.post("/workbench/catalogue/marriage.status/request/", {
        "fields": ["status"], "purpose": "DEMO-M01", "legal_basis": "《浙江省公共数据条例》第二十条",
    })
    grant = AccessGrant.objects.get(item__code="marriage.status")
    assert grant.status == GrantStatus.REQUESTED

    owner = exchange_owner_officers["CA"]
    client.force_login(owner, backend=STAFF)
    queue = client.get("/workbench/grants/").content.decode()
    client.post(f"/workbench/grants/{grant.pk}/decision/", {"decision": "approve", "reason": "同意"})

    assert 'data-testid="grant-to-decide"' in queue
    grant.refresh_from_db()
    assert grant.status == GrantStatus.GRANTED
    assert grant.decided_by == owner


def test_a_refusal_without_a_reason_is_explained_and_changes_nothing(
    client, exchange_catalogue, exchange_consumer_officer, exchange_owner_officers
):
    client.force_login(exchange_consumer_officer, backend=STAFF)
    client.post("/workbench/catalogue/marriage.status/request/", {
        "fields": ["status"], "purpose": "DEMO-M01", "legal_basis": "《浙江省公共数据条例》第二十条",
    })
    grant = AccessGrant.objects.get(item__code="marriage.status")

    client.force_login(exchange_owner_officers["CA"], backend=STAFF)
    response = client.post(f"/workbench/grants/{grant.pk}/decision/", {"decision": "refuse", "reason": ""},
                           follow=True)

    grant.refresh_from_db()
    assert grant.status == GrantStatus.REQUESTED
    assert "拒绝时请说明理由" in response.content.decode()


def test_an_officer_of_another_department_cannot_decide(
    client, exchange_catalogue, exchange_consumer_officer, exchange_clerk
):
    client.force_login(exchange_consumer_officer, backend=STAFF)
    client.post("/workbench/catalogue/marriage.status/request/", {
        "fields": ["status"], "purpose": "DEMO-M01", "legal_basis": "《浙江省公共数据条例》第二十条",
    })
    grant = AccessGrant.objects.get(item__code="marriage.status")

    client.force_login(exchange_clerk, backend=STAFF)
    client.post(f"/workbench/grants/{grant.pk}/decision/", {"decision": "approve"})

    grant.refresh_from_db()
    assert grant.status == GrantStatus.REQUESTED

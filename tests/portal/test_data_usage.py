"""A citizen sees every access to their data (and to enterprises they act for), and nobody else's."""

import datetime

import pytest
from django.utils import timezone

from onevisit.accounts import services as account_services
from onevisit.accounts.models import Department, Sector
from onevisit.exchange.models import AccessLog

pytestmark = pytest.mark.django_db

OTHER_ID = "11010519491231002X"


@pytest.fixture
def xihu_police(regions):
    return Department.objects.create(code="330106-PSB", name="西湖区公安分局", sector=Sector.PSB, level="county",
                                     region=regions["330106"])


@pytest.fixture
def civil_affairs(regions):
    return Department.objects.create(code="330100-CA", name="杭州市民政局", sector=Sector.CA, level="city",
                                     region=regions["330100"])


def log_row(*, consumer, officer, subject, item="population.hukou", days_ago=0, outcome="allowed", reference="APP-1"):
    # The log is append-only (a trigger refuses UPDATE), so the time is set on insert.
    return AccessLog.objects.create(
        consumer=consumer, acting_user=officer, subject=subject, item=item, fields=["household_number"],
        purpose="DEMO-M01", reference=reference, outcome=outcome, request_hash="0" * 64,
        created_at=timezone.now() - datetime.timedelta(days=days_ago),
    )


@pytest.fixture
def logged_in(client, citizen):
    client.force_login(citizen, backend="onevisit.accounts.backends.CitizenBackend")
    return client


def test_anonymous_visitors_are_sent_to_login(client, db):
    response = client.get("/my/data-usage/")

    assert response.status_code == 302
    assert response["Location"].startswith("/login/?next=/my/data-usage/")


def test_the_citizen_sees_accesses_to_their_data_and_not_to_others(logged_in, citizen, officer, xihu_police):
    log_row(consumer=xihu_police, officer=officer, subject=citizen.id_number, reference="APP-MINE")
    log_row(consumer=xihu_police, officer=officer, subject=OTHER_ID, reference="APP-NOT-MINE")

    page = logged_in.get("/my/data-usage/").content.decode()

    assert "APP-MINE" in page
    assert "西湖区公安分局" in page
    assert "APP-NOT-MINE" not in page


def test_refused_attempts_are_listed_too(logged_in, citizen, officer, xihu_police):
    log_row(consumer=xihu_police, officer=officer, subject=citizen.id_number, outcome="denied", reference="APP-DENIED")

    page = logged_in.get("/my/data-usage/").content.decode()

    assert "APP-DENIED" in page
    assert "已拒绝" in page


def test_filters_by_department_and_dates(logged_in, citizen, officer, xihu_police, civil_affairs):
    log_row(consumer=xihu_police, officer=officer, subject=citizen.id_number, reference="APP-POLICE", days_ago=1)
    log_row(consumer=civil_affairs, officer=officer, subject=citizen.id_number, reference="APP-CIVIL", days_ago=40)

    by_department = logged_in.get("/my/data-usage/", {"department": "330100-CA"}).content.decode()
    since = (timezone.localdate() - datetime.timedelta(days=7)).isoformat()
    by_date = logged_in.get("/my/data-usage/", {"since": since}).content.decode()

    assert "APP-CIVIL" in by_department and "APP-POLICE" not in by_department
    assert "APP-POLICE" in by_date and "APP-CIVIL" not in by_date


def test_an_end_date_before_the_start_date_is_explained(logged_in, citizen):
    response = logged_in.get("/my/data-usage/", {"since": "2026-05-02", "until": "2026-05-01"})

    assert response.status_code == 200
    assert "结束日期不能早于开始日期" in response.content.decode()


def test_an_enterprise_representative_sees_accesses_to_the_enterprise(logged_in, citizen, officer, xihu_police,
                                                                       regions):
    enterprise = account_services.enterprise_register(
        uscc="91350100M000100Y43", name="示范餐饮有限公司", region=regions["330106"],
        legal_representative_name=citizen.full_name, legal_representative_id_number=citizen.id_number,
    )
    log_row(consumer=xihu_police, officer=officer, subject=enterprise.uscc, item="enterprise.registration",
            reference="APP-ENT")

    own = logged_in.get("/my/data-usage/").content.decode()
    as_enterprise = logged_in.get("/my/data-usage/", {"subject": enterprise.uscc}).content.decode()

    assert "APP-ENT" not in own
    assert "APP-ENT" in as_enterprise


def test_a_subject_the_citizen_does_not_act_for_shows_their_own_records(logged_in, citizen, officer, xihu_police):
    log_row(consumer=xihu_police, officer=officer, subject=OTHER_ID, reference="APP-NOT-MINE")

    page = logged_in.get("/my/data-usage/", {"subject": OTHER_ID}).content.decode()

    assert "APP-NOT-MINE" not in page


def test_long_histories_are_paginated(logged_in, citizen, officer, xihu_police):
    for number in range(25):
        log_row(consumer=xihu_police, officer=officer, subject=citizen.id_number, reference=f"APP-{number:03d}")

    first = logged_in.get("/my/data-usage/").content.decode()
    second = logged_in.get("/my/data-usage/", {"page": 2}).content.decode()

    assert first.count('data-testid="usage-row"') == 20
    assert second.count('data-testid="usage-row"') == 5
    assert "25 条" in first


def test_an_empty_history_says_so(logged_in):
    assert "没有符合条件的数据使用记录。" in logged_in.get("/my/data-usage/").content.decode()

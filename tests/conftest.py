"""Shared fixtures: realistic people and departments made through the real services."""

import pytest

from onevisit.accounts import services as account_services
from onevisit.accounts.models import Department, Sector, StaffRole
from onevisit.core.models import Region
from onevisit.core.regions import regions_load

PASSWORD = "Correct-Horse-9"


@pytest.fixture
def regions(db):
    regions_load()
    return {r.code: r for r in Region.objects.all()}


@pytest.fixture
def department(regions):
    return Department.objects.create(
        code="330100-PSB", name="杭州市公安局", name_en="Hangzhou Public Security Bureau", sector=Sector.PSB,
        level="city", region=regions["330100"],
    )


@pytest.fixture
def citizen(db):
    return account_services.citizen_register(
        id_number="330106199003071236", full_name="王小明", password=PASSWORD, phone="13800000001"
    )


@pytest.fixture
def officer(department):
    return account_services.staff_create(
        username="hz.psb.officer", full_name="陈警官", department=department,
        roles=[StaffRole.CASE_OFFICER], password=PASSWORD,
    )


@pytest.fixture
def access_log_flushable(transactional_db):
    """Let a transactional test's flush empty the append-only access log.

    On SQLite the flush is a DELETE, which the log's trigger refuses (as it should); PostgreSQL
    flushes with TRUNCATE, which is no row operation. Depending on ``transactional_db`` makes
    this run before the flush.
    """
    from django.db import connection

    yield
    if connection.vendor == "sqlite":
        from onevisit.exchange import log_triggers

        with connection.cursor() as cursor:
            for statement in log_triggers.drop_statements("sqlite"):
                cursor.execute(statement)
            cursor.execute("DELETE FROM exchange_accesslog")
            for statement in log_triggers.create_statements("sqlite"):
                cursor.execute(statement)


@pytest.fixture(scope="session", autouse=True)
def provider_workers_stopped(django_db_setup, django_db_blocker):
    """Stop the providers' kept worker threads before the test databases are dropped: their
    connections would keep PostgreSQL from dropping a registry's test database."""
    yield
    from onevisit.exchange.providers.bounded import shutdown_all

    with django_db_blocker.unblock():
        shutdown_all()


@pytest.fixture(autouse=True)
def process_caches_forgotten():
    """Each test starts with empty per-process caches (tokens, grants), rate counts and Django
    cache: a rolled-back test's rows never commit, so the caches' on-commit invalidation never
    sees them go, and a reused primary key must not find an earlier test's entry."""
    from django.core.cache import cache

    from onevisit.core.ttl_cache import clear_all
    from onevisit.exchange.ratelimit import reset_process_counts

    for forget in (clear_all, reset_process_counts, cache.clear):
        forget()
    yield
    for forget in (clear_all, reset_process_counts, cache.clear):
        forget()

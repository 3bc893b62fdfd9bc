"""Fixtures of the exchange tests (prefix ``exchange_``): the test registries wired in through
settings, owner and consumer departments, staff with the right roles, and granted access."""

import pytest
from django.core.cache import caches

from onevisit.accounts import services as account_services
from onevisit.accounts.models import Department, Sector, StaffRole
from onevisit.exchange import gateway, services
from onevisit.exchange.catalogue import REGISTRY_SECTORS
from onevisit.exchange.models import GrantStatus

from .exchange_registries import PROVIDERS, WANG

EXCHANGE_PASSWORD = "Correct-Horse-9"
EXCHANGE_PURPOSE = "DEMO-M01"  # 出生登记


@pytest.fixture
def exchange_registries(settings):
    """The test registries replace the demo ones under the same provider codes, through the
    plugin mechanism itself (settings), reached in-process with a bounded timeout."""
    settings.ONEVISIT_PROVIDERS = {
        code: {"transport": "inprocess", "registry": path, "timeout": 2} for code, path in PROVIDERS.items()
    }
    settings.ONEVISIT_EXCHANGE_PROVIDER_TIMEOUT = 2
    caches["default"].clear()  # rate-limit windows of earlier tests
    gateway._field_cache.clear()  # item ids are reused between rolled-back tests
    yield
    caches["default"].clear()


def _department(regions, code: str, name: str, level: str, parent=None) -> Department:
    region_code, sector = code.split("-")
    department, _ = Department.objects.get_or_create(
        code=code, defaults={"name": name, "sector": sector, "level": level, "region": regions[region_code],
                             "parent": parent},
    )
    return department


@pytest.fixture
def exchange_departments(regions):
    """Every registry's province-level owner department, and the consumers the tests use."""
    departments = {}
    for sector in sorted(set(REGISTRY_SECTORS.values())):
        code = f"330000-{sector}"
        departments[code] = _department(regions, code, f"浙江省{Sector(sector).label}部门", "province")
    departments["330106-PSB"] = _department(regions, "330106-PSB", "杭州市公安局西湖区分局", "county",
                                            departments["330000-PSB"])
    departments["330100-AMR"] = _department(regions, "330100-AMR", "杭州市市场监督管理局", "city",
                                            departments["330000-AMR"])
    departments["330106-CA"] = _department(regions, "330106-CA", "杭州市西湖区民政局", "county",
                                           departments["330000-CA"])
    return departments


@pytest.fixture
def exchange_catalogue(exchange_registries, exchange_departments):
    return services.catalogue_sync_from_providers()


@pytest.fixture
def exchange_make_staff(exchange_departments):
    def make(department_code: str, username: str, roles: list[str], full_name: str = "张三"):
        return account_services.staff_create(
            username=username, full_name=full_name, department=exchange_departments[department_code], roles=roles,
            password=EXCHANGE_PASSWORD,
        )
    return make


@pytest.fixture
def exchange_consumer(exchange_departments):
    """Xihu district public security bureau: registers births (出生登记)."""
    return exchange_departments["330106-PSB"]


@pytest.fixture
def exchange_consumer_officer(exchange_make_staff):
    return exchange_make_staff("330106-PSB", "xihu.psb.data", [StaffRole.DATA_OFFICER], "周敏")


@pytest.fixture
def exchange_clerk(exchange_make_staff):
    """The case officer whose work needs the data: the gateway's acting user."""
    return exchange_make_staff("330106-PSB", "xihu.psb.officer", [StaffRole.CASE_OFFICER], "陈警官")


@pytest.fixture
def exchange_owner_officers(exchange_make_staff):
    """Each province owner department's data officer, by sector."""
    return {sector: exchange_make_staff(f"330000-{sector}", f"zj.{sector.lower()}.data", [StaffRole.DATA_OFFICER],
                                        "林数据")
            for sector in sorted(set(REGISTRY_SECTORS.values()))}


@pytest.fixture
def exchange_grant(exchange_catalogue, exchange_consumer, exchange_consumer_officer, exchange_owner_officers):
    """Grant the consumer an item (all shareable fields, or ``fields``) for a purpose, the way
    it happens: the consumer's data officer asks, the owner's data officer approves."""
    def grant(item: str, *, purpose: str = EXCHANGE_PURPOSE, fields: list[str] | None = None, consumer=None,
              requested_by=None, **kwargs):
        result = services.grant_request(
            consumer=consumer or exchange_consumer, item_code=item, fields=fields, purpose=purpose,
            legal_basis="《中华人民共和国户口登记条例》第七条", requested_by=requested_by or exchange_consumer_officer,
            purpose_label="出生登记", **kwargs,
        )
        if result.status == GrantStatus.REQUESTED:
            sector = REGISTRY_SECTORS[item.split(".")[0]]
            result = services.grant_decide(grant_id=result.pk, decided_by=exchange_owner_officers[sector], approve=True,
                                           reason="同意")
        return result
    return grant


@pytest.fixture
def exchange_fetch(exchange_consumer, exchange_clerk):
    """Call the gateway as the Xihu PSB case officer, for application APP-2026-000123."""
    def fetch(item: str, *, subject: str = WANG, purpose: str = EXCHANGE_PURPOSE, fields=None, consumer=None,
              acting_user=None, reference: str = "APP-2026-000123"):
        return gateway.gateway_fetch(
            consumer=consumer or exchange_consumer, purpose=purpose, subject=subject,
            acting_user=acting_user or exchange_clerk, reference=reference, item=item, fields=fields,
        )
    return fetch


@pytest.fixture
def exchange_file_database(django_db_setup, django_db_blocker, tmp_path):
    """Threads need a database they can all open: the in-memory SQLite test database is copied
    into a file (``VACUUM INTO``) for this test, as tests/jobs does; PostgreSQL needs nothing."""
    from django.db import connection

    if connection.vendor != "sqlite" or not connection.is_in_memory_db():
        yield
        return
    import sqlite3

    settings_dict = connection.settings_dict
    memory_name = settings_dict["NAME"]
    path = tmp_path / "exchange.sqlite3"
    with django_db_blocker.unblock():
        keeper = sqlite3.connect(memory_name, uri=True)
        keeper.execute("VACUUM INTO ?", (str(path),))
        settings_dict["NAME"] = str(path)
        connection.close()
    try:
        yield
    finally:
        with django_db_blocker.unblock():
            connection.close()
            settings_dict["NAME"] = memory_name
            connection.ensure_connection()
            keeper.close()

"""Fixtures of the application tests (prefix ``apps_``): the demo world made by the real seed
steps (departments, staff, data catalogue, service catalogue, the grants applications need),
a small synthetic population in the real registries, reached in-process through the gateway."""

import pytest
from django.core.cache import caches

from onevisit.accounts import services as account_services
from onevisit.accounts.seed import seed_departments, seed_staff
from onevisit.applications.seed import seed_grants
from onevisit.catalogue.seed import seed_catalogue as seed_service_catalogue
from onevisit.certificates.seed import seed_wallet_grants
from onevisit.core.seeding import SeedContext
from onevisit.exchange import gateway
from onevisit.exchange.seed import seed_catalogue as seed_data_catalogue
from onevisit.registries import REGISTRY_CODES
from onevisit.registries.loading import population_load
from onevisit.registries.synthesis import PopulationPlan

APPS_DATABASES = ["default", *[f"registry_{code}" for code in REGISTRY_CODES]]
APPS_PLAN = PopulationPlan(seed=20161201, people=20, enterprises=2)
WANG = "330106199003071236"  # 王小明, Xihu: married to 陈静, son 王子轩 (2021)
LI = "330108198506120042"  # 李华: legal representative of the demo company
DEMO_USCC = "91330106MA2KH7QN0M"


@pytest.fixture
def apps_providers(settings, tmp_path):
    """The demo registries, in-process, sharing the test's connections (its data is uncommitted)."""
    settings.ONEVISIT_PROVIDERS = {code: {"transport": "inprocess", "share_caller_connections": True, "timeout": 10}
                                   for code in REGISTRY_CODES}
    settings.ONEVISIT_EXCHANGE_PROVIDER_TIMEOUT = 10
    settings.MEDIA_ROOT = tmp_path / "media"
    caches["default"].clear()
    gateway._field_cache.clear()
    yield
    caches["default"].clear()


@pytest.fixture
def apps_world(regions, apps_providers):
    ctx = SeedContext(stdout=lambda line: None)
    for step in (seed_departments, seed_staff, seed_data_catalogue, seed_service_catalogue, seed_grants,
                 seed_wallet_grants):
        step(ctx)
    population_load(APPS_PLAN, stdout=lambda line: None)
    return ctx


@pytest.fixture
def apps_wang(apps_world, citizen):
    return citizen


@pytest.fixture
def apps_li(apps_world):
    return account_services.citizen_register(id_number=LI, full_name="李华", password="Correct-Horse-9",
                                             phone="13800000002")


@pytest.fixture
def apps_enterprise(apps_li, regions):
    return account_services.enterprise_register(
        uscc=DEMO_USCC, name="杭州西湖示范科技有限公司", region=regions["330106"], legal_representative_name="李华",
        legal_representative_id_number=LI)

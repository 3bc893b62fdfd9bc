"""A small synthetic province loaded into the registries' own test databases."""

import pytest

from onevisit.core.regions import regions_load
from onevisit.registries import REGISTRY_CODES
from onevisit.registries.loading import population_load
from onevisit.registries.synthesis import PopulationPlan

REGISTRY_DATABASES = ["default", *[f"registry_{code}" for code in REGISTRY_CODES]]
PLAN = PopulationPlan(seed=20161201, people=300, enterprises=12)

WANG = "330106199003071236"  # 王小明
LI = "330108198506120042"  # 李华
DEMO_USCC = "91330106MA2KH7QN0M"  # 杭州西湖示范科技有限公司


@pytest.fixture
def regions(db):
    regions_load()


@pytest.fixture
def population(regions):
    """The registries loaded with PLAN; the test must allow REGISTRY_DATABASES."""
    return population_load(PLAN, stdout=lambda line: None)

"""Fixtures of the wallet tests: the case tests' demo world (seeded departments, staff, catalogue,
grants, a small registry population) and submitted applications, made by the real services."""

from applications.conftest import (  # noqa: F401  (fixtures shared with the application tests)
    APPS_DATABASES,
    apps_enterprise,
    apps_li,
    apps_providers,
    apps_wang,
    apps_world,
)
from cases.conftest import newborn_application, newborn_cases, officer_of  # noqa: F401

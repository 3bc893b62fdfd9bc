"""Fixtures of the workbench case pages: the case tests' demo world and submitted newborn bundle."""

import uuid

import pytest

from cases.conftest import (  # noqa: F401  (fixtures shared with the case tests)
    APPS_DATABASES,
    apps_enterprise,
    apps_li,
    apps_providers,
    apps_wang,
    apps_world,
    newborn_application,
    newborn_cases,
    officer_of,
)


@pytest.fixture
def as_officer(client):
    """Log ``user`` in on the test client and return it."""

    def login(user):
        client.force_login(user)
        return client

    return login


def act(client, case, action: str, *, version: int | None = None, key: str | None = None, **fields):
    """POST one action form of the case page, the way the page would (prefixed field names)."""
    from django.urls import reverse

    data = {f"{action}-version": version if version is not None else case.version,
            f"{action}-request_key": key or uuid.uuid4().hex}
    data.update({k if k.startswith(("items-", f"{action}-")) else f"{action}-{k}": v for k, v in fields.items()})
    return client.post(reverse("workbench:case_act", args=[case.reference, action]), data)

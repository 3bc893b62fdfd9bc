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


@pytest.fixture
def birth(newborn_cases):  # noqa: F811
    """出生医学证明 (an immediate matter of 西湖区卫生健康局), received and waiting for an officer."""
    return newborn_cases["DEMO-M37"]


@pytest.fixture
def released_cases(newborn_cases):  # noqa: F811
    """The bundle once the birth certificate is approved: the cases that waited for it are received."""
    from onevisit.cases import services
    from onevisit.cases.models import Case

    birth = newborn_cases["DEMO-M37"]
    officer = officer_of(birth)
    birth = services.case_claim(case=birth, actor=officer, version=birth.version)
    services.case_accept(case=birth, actor=officer, version=birth.version, decision="approved")
    return {code: Case.objects.select_related("matter", "department").get(pk=c.pk)
            for code, c in newborn_cases.items()}


@pytest.fixture
def maternity(released_cases):
    """生育保险待遇核准支付 (杭州市医疗保障局): a matter decided after review, received."""
    return released_cases["DEMO-M20"]

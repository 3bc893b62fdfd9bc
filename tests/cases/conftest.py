"""Fixtures of the case tests: the application tests' demo world, plus submitted applications
and the officers of the departments that handle them."""

import pytest

from applications.conftest import (  # noqa: F401  (fixtures shared with the application tests)
    APPS_DATABASES,
    apps_enterprise,
    apps_li,
    apps_providers,
    apps_wang,
    apps_world,
)
from onevisit.accounts.models import User
from onevisit.applications import services as application_services
from onevisit.cases.models import Case

NEWBORN_FORM = {"baby_name": "王小宝", "applicant_phone": "13800000001", "follow_parent": "随父",
                "ethnicity": "汉族", "residence_address": "浙江省杭州市西湖区文三路90号", "payment_method": "银行代扣",
                "bank_name": "中国工商银行", "delivery_address": "浙江省杭州市西湖区文三路90号", "photo_consent": True,
                "bank_account": "6222021202000000001"}


@pytest.fixture
def newborn_application(apps_wang):  # noqa: F811
    """王小明's 新生儿出生 bundle (DEMO-B02), submitted: six cases."""
    application = application_services.application_start(applicant=apps_wang, bundle_code="DEMO-B02")
    application_services.application_prefill(application=application)
    application = application_services.application_confirm_evidence(application=application)
    application = application_services.application_save_form(application=application, data=NEWBORN_FORM,
                                                              version=application.version)
    return application_services.application_submit(application=application)


@pytest.fixture
def newborn_cases(newborn_application):
    return {c.matter.code: c for c in Case.objects.filter(application=newborn_application).select_related(
        "matter", "department")}


def officer_of(case: Case, short: str = "officer") -> User:
    """The seeded staff member of the case's department: ``<region>.<sector>.officer`` / ``.head``."""
    return User.objects.get(department=case.department, username__endswith=f".{short}")

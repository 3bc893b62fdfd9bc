"""End to end through the services: 新生儿出生 (DEMO-B02) and 企业开办 (DEMO-B01)."""

import pytest

from onevisit.applications import selectors, services
from onevisit.applications.models import ApplicationMatter, ApplicationStatus, EvidenceStatus
from onevisit.exchange.models import AccessLog

from .conftest import APPS_DATABASES

pytestmark = pytest.mark.django_db(databases=APPS_DATABASES)

NEWBORN_FORM = {"baby_name": "王小宝", "applicant_phone": "13800000001", "follow_parent": "father",
                "ethnicity": "汉族", "residence_address": "浙江省杭州市西湖区文三路90号", "payment_method": "bank",
                "bank_name": "中国工商银行", "delivery_address": "浙江省杭州市西湖区文三路90号", "photo_consent": True,
                "bank_account": "6222021202000000001"}


def _fill(application, values):
    from onevisit.applications.requirements import Kind
    from onevisit.catalogue.models import FormField

    keys = [r.key for r in selectors.application_requirements(application=application) if r.kind == Kind.FORM]
    schemas = {f.key: f.schema for f in FormField.objects.filter(key__in=keys)}
    return keys, schemas


def test_newborn_bundle_end_to_end(apps_wang):
    application = services.application_start(applicant=apps_wang, bundle_code="DEMO-B02")
    evidence = services.application_prefill(application=application)
    print({e.requirement_key: (e.status, e.last_error_code, e.department) for e in evidence})
    keys, schemas = _fill(application, NEWBORN_FORM)
    print(keys, schemas)
    assert all(e.status == EvidenceStatus.FETCHED for e in evidence)
    assert AccessLog.objects.filter(reference=application.reference, outcome="allowed").count() == len(evidence)

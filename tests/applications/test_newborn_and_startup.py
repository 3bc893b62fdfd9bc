"""End to end through the services: 新生儿出生 (DEMO-B02) and 企业开办 (DEMO-B01)."""

import pytest

from onevisit.applications import selectors, services
from onevisit.applications.models import ApplicationMatter, ApplicationStatus, EvidenceStatus
from onevisit.exchange.models import AccessLog
from onevisit.notifications.models import Notification

from .conftest import APPS_DATABASES

pytestmark = pytest.mark.django_db(databases=APPS_DATABASES)

NEWBORN_FORM = {"baby_name": "王小宝", "applicant_phone": "13800000001", "follow_parent": "随父",
                "ethnicity": "汉族", "residence_address": "浙江省杭州市西湖区文三路90号", "payment_method": "银行代扣",
                "bank_name": "中国工商银行", "delivery_address": "浙江省杭州市西湖区文三路90号", "photo_consent": True,
                "bank_account": "6222021202000000001"}
PDF = b"%PDF-1.7\n% test\n"


def _form_keys(application):
    from onevisit.applications.requirements import Kind

    return [r.key for r in selectors.application_requirements(application=application) if r.kind == Kind.FORM]


def test_newborn_bundle_end_to_end(apps_wang):
    application = services.application_start(applicant=apps_wang, bundle_code="DEMO-B02")

    evidence = services.application_prefill(application=application)

    by_item = {e.requirement_key: e for e in evidence}
    assert set(by_item) == {"population.person", "health.birth_certificate", "population.hukou", "marriage.status",
                            "medical_insurance.enrolment"}
    assert all(e.status == EvidenceStatus.FETCHED for e in evidence)
    hukou = by_item["population.hukou"]
    assert hukou.department == "浙江省公安厅" and hukou.retrieved_at and hukou.response_id
    assert hukou.consumer.code == "330106-PSB" and hukou.purpose == "DEMO-M01"
    assert "ethnicity" not in by_item["population.person"].fields  # not shared: asked on the form
    assert AccessLog.objects.filter(reference=application.reference, outcome="allowed").count() == 5
    assert sorted(_form_keys(application)) == sorted(NEWBORN_FORM)

    application = services.application_confirm_evidence(application=application)
    application = services.application_save_form(application=application, data=NEWBORN_FORM,
                                                 version=application.version)
    submitted = services.application_submit(application=application, idempotency_key="k-newborn")

    assert submitted.status == ApplicationStatus.SUBMITTED
    summary = submitted.material_summary
    assert summary["counts"]["fetched"] == 5
    assert summary["counts"]["form"] == 10
    assert summary["counts"]["uploaded"] == 0 and summary["counts"]["committed"] == 0
    assert set(summary["produced"]) == {"birth_medical", "hukou_booklet"}
    rows = list(ApplicationMatter.objects.filter(application=submitted).order_by("position"))
    assert [r.matter.code for r in rows] == ["DEMO-M37", "DEMO-M38", "DEMO-M01", "DEMO-M19", "DEMO-M17", "DEMO-M20"]
    assert rows[2].depends_on == ["DEMO-M37"]
    assert Notification.objects.filter(recipient=apps_wang, subject="申请已提交").exists()


def test_company_start_up_end_to_end(apps_li):
    application = services.application_start(applicant=apps_li, bundle_code="DEMO-B01")

    evidence = services.application_prefill(application=application)

    # The founder's own data, and 住所产权证明 from their wallet (李华 holds a real-estate title).
    assert [(e.requirement_key, e.source, e.status) for e in evidence] == [
        ("real_estate_title", "wallet", EvidenceStatus.FETCHED), ("population.person", "population", EvidenceStatus.FETCHED)]
    states = {s.requirement.key: s for s in selectors.application_state(application=application)}
    assert states["enterprise.registration"].how == "produced"  # the licence of DEMO-M22 creates it
    assert states["business_licence"].how == "produced"
    assert states["address_pledge"].requirement.waivable_by_commitment
    form = {"company_name": "杭州西湖示范餐饮有限公司", "enterprise_type": "有限责任公司",
            "registered_address": "浙江省杭州市西湖区文三路100号", "registered_capital": 100,
            "business_scope": "餐饮服务", "shareholders": [{"name": "李华", "share": 100}], "officers": [{"name": "李华", "role": "执行董事"}],
            "articles_template": True, "seal_set": ["公章", "财务专用章"], "bank_name": "中国工商银行",
            "bank_account": "6222021202000000002", "invoice_needs": "增值税普通发票",
            "bank_appointment_slot": "2026-12-01T09:00:00+08:00"}
    from onevisit.catalogue.models import FormField

    schemas = {f.key: f.schema for f in FormField.objects.filter(key__in=list(form))}
    form = {k: v for k, v in form.items() if k in _form_keys(application)}
    errors = services.form_errors(data=form, keys=_form_keys(application))
    assert not errors, (errors, schemas)
    application = services.application_save_form(application=application, data=form, version=application.version)
    services.application_commit(application=application, requirement_key="address_pledge", signed_name="李华")
    services.application_upload(application=application, requirement_key="住所租赁合同", content=PDF,
                                original_name="lease.pdf")
    services.application_confirm_evidence(application=application)

    submitted = services.application_submit(application=application)

    summary = submitted.material_summary
    assert summary["counts"]["fetched"] == 2  # population.person and the wallet's real-estate title
    assert summary["committed"] == ["address_pledge"]
    assert summary["uploaded"] == ["住所租赁合同"]
    assert ApplicationMatter.objects.filter(application=submitted).count() == 8

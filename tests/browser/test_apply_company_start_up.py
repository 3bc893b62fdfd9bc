"""Acceptance, issue 4: an enterprise founder applies for 企业开办 (DEMO-B01) on a phone with one
merged form: the founder's identity comes from the population registry, the licence and the
registration data are produced inside the bundle, and each company detail is asked once."""

import pytest
from django.core.management import call_command

from onevisit.accounts.models import User
from onevisit.applications.models import Application, ApplicationStatus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, databases="__all__")]

LI = "330108198506120042"  # 李华, the demo founder
DEMO_PASSWORD = "Demo@2026!"
TYPED = {"市场主体名称": "杭州西湖示范餐饮有限公司", "住所（经营场所）": "浙江省杭州市西湖区文三路100号",
         "注册资本（万元）": "100", "经营范围": "餐饮服务", "股东及认缴出资": "李华，100万元",
         "董事、监事、经理、财务负责人": "李华，执行董事", "开户银行": "中国工商银行",
         "银行账号": "6222021202000000002", "发票种类和数量": "增值税普通发票 25 份",
         "开户预约时段": "2026-12-01T09:00"}


@pytest.fixture
def founder(pages, access_log_flushable):
    call_command("seed", citizens=40, enterprises=4, stdout=open("/dev/null", "w"))  # noqa: SIM115
    return User.objects.get(id_number=LI)


def test_a_founder_applies_for_company_start_up_with_one_merged_form(page, founder, login_citizen):
    login_citizen(page, founder, password=DEMO_PASSWORD)
    page.goto("/life-events/DEMO-B01/")
    page.get_by_test_id("apply-start").click()
    page.wait_for_url("**/evidence/")

    person = page.locator('[data-item="population.person"]')
    assert "浙江省公安厅" in person.get_by_test_id("evidence-source").inner_text()
    assert "330108********0042" in person.inner_text()
    assert "本次一并办理" in page.locator('[data-item="enterprise.registration"]').inner_text()
    page.get_by_test_id("confirm-evidence").click()
    page.wait_for_url("**/form/")

    form = page.get_by_test_id("application-form")
    for label in TYPED:  # one merged form: every company detail appears once
        assert form.get_by_label(label).count() == 1
    for label, value in TYPED.items():
        form.get_by_label(label).fill(value)
    form.get_by_label("企业类型").select_option("有限责任公司")
    form.get_by_label("采用章程范本").check()
    form.get_by_label("住所信息真实承诺").check()
    form.get_by_role("checkbox", name="公章", exact=True).check()
    page.get_by_test_id("save-form").click()
    page.wait_for_url("**/materials/")
    page.get_by_test_id("to-review").click()
    page.wait_for_url("**/review/")
    assert page.get_by_test_id("review-missing").count() == 0, page.get_by_test_id("review-list").inner_text()
    page.get_by_test_id("submit-application").click()
    page.wait_for_url("**/my/applications/APP-*/")

    application = Application.objects.get(applicant=founder)
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.form_data["shareholders"] == ["李华，100万元"]
    assert "企业设立登记" in page.get_by_test_id("application-matters").inner_text()
    assert application.matters.count() == 8  # registration, then seal, tax, social insurance ... in parallel

"""Acceptance, issue 4: on a phone (375×812) a seeded citizen applies for 新生儿出生 (DEMO-B02):
the parents' identity, hukou and marriage data are previewed with their sources, only what no
department holds is typed, one submit, and the application lists its component matters."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command

from onevisit.accounts.models import User
from onevisit.applications.models import Application, ApplicationStatus
from onevisit.exchange.models import AccessLog

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, databases="__all__")]

WANG = "330106199003071236"  # the demo citizen
DEMO_PASSWORD = "Demo@2026!"
TYPED = {"新生儿姓名": "王小宝", "民族": "汉族", "联系电话": "13800000001", "居住地址": "浙江省杭州市西湖区文三路90号",
         "开户银行": "中国工商银行", "银行账号": "6222021202000000001", "邮寄地址": "浙江省杭州市西湖区文三路90号"}
CHOSEN = {"随父或随母落户": "随父", "缴费方式": "银行代扣"}


@pytest.fixture
def demo_province(pages, access_log_flushable):
    call_command("seed", citizens=40, enterprises=4, stdout=open("/dev/null", "w"))  # noqa: SIM115
    return User.objects.get(id_number=WANG)


def serious(page) -> list:
    return [v["id"] for v in Axe().run(page).response["violations"] if v["impact"] in ("serious", "critical")]


def test_a_citizen_applies_for_the_newborn_bundle_on_a_phone(page, demo_province, login_citizen):
    login_citizen(page, demo_province, password=DEMO_PASSWORD)
    page.goto("/life-events/DEMO-B02/")
    page.get_by_test_id("apply-start").click()
    page.wait_for_url("**/evidence/")
    assert serious(page) == []

    cards = page.get_by_test_id("evidence-card")
    items = {cards.nth(i).get_attribute("data-item") for i in range(cards.count())}
    assert {"population.person", "population.hukou", "marriage.status"} <= items
    hukou = page.locator('[data-item="population.hukou"]')
    assert "浙江省公安厅" in hukou.get_by_test_id("evidence-source").inner_text()
    person = page.locator('[data-item="population.person"]').inner_text()
    assert "330106********1236" in person and "出生日期" in person  # masked for the screen, labelled
    assert page.locator('[data-item="marriage.status"]').get_by_test_id("evidence-source").count() == 1
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    page.get_by_test_id("confirm-evidence").click()
    page.wait_for_url("**/form/")
    assert serious(page) == []

    # Only what no department holds: nothing about the parents' identity, hukou or marriage.
    form = page.get_by_test_id("application-form")
    for label in ("身份证", "户籍地址", "婚姻"):
        assert label not in form.inner_text()
    for label, value in TYPED.items():
        form.get_by_label(label).fill(value)
    for label, value in CHOSEN.items():
        form.get_by_label(label).select_option(value)
    form.get_by_label("同意使用户籍照片制卡").check()
    page.get_by_test_id("save-form").click()
    page.wait_for_url("**/materials/")
    assert page.get_by_test_id("no-uploads").count() == 1  # nothing to upload
    assert serious(page) == []
    page.get_by_test_id("to-review").click()
    page.wait_for_url("**/review/")
    assert serious(page) == []

    submit = page.get_by_test_id("submit-application")
    submit.dblclick()  # a double click makes one application
    page.wait_for_url("**/my/applications/APP-*/")
    assert page.get_by_test_id("application-status").inner_text() == "已提交，等待受理"  # one status for 6 cases
    matters = page.get_by_test_id("application-matters").inner_text()
    for name in ("出生医学证明", "出生登记", "社会保障卡"):
        assert name in matters
    assert serious(page) == []

    application = Application.objects.get(applicant=demo_province)
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.matters.count() == 6
    assert AccessLog.objects.filter(reference=application.reference, outcome="allowed").count() >= 3

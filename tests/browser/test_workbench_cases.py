"""Acceptance, issue 5: on a phone (375×812) an officer of 杭州市医疗保障局 finds a newborn's
maternity-insurance case in the queue, claims it, accepts it, completes the review and approves
it; every page fits the screen and has no serious accessibility violation."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from cases.conftest import (  # noqa: F401  (the case tests' demo world and submitted bundle)
    apps_providers,
    apps_wang,
    apps_world,
    newborn_application,
    newborn_cases,
    officer_of,
)
from onevisit.accounts.seed import DEMO_PASSWORD
from onevisit.cases import services
from onevisit.cases.models import Case, CaseStatus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, databases="__all__")]


@pytest.fixture
def maternity(pages, access_log_flushable, newborn_cases):  # noqa: F811
    """The birth certificate approved, so 生育保险待遇核准支付 (DEMO-M20) is received."""
    birth = newborn_cases["DEMO-M37"]
    officer = officer_of(birth)
    birth = services.case_claim(case=birth, actor=officer, version=birth.version)
    services.case_accept(case=birth, actor=officer, version=birth.version, decision="approved")
    return Case.objects.get(pk=newborn_cases["DEMO-M20"].pk)


def serious(page) -> list:
    return [v["id"] for v in Axe().run(page).response["violations"] if v["impact"] in ("serious", "critical")]


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")


def test_an_officer_claims_accepts_and_decides_a_case_on_a_phone(page, maternity, login_officer):
    officer = officer_of(maternity)
    login_officer(page, officer, password=DEMO_PASSWORD)
    page.get_by_role("link", name="办件", exact=True).click()
    page.wait_for_url("**/workbench/cases/")
    row = page.locator(f'[data-reference="{maternity.reference}"]')
    assert "生育保险待遇核准支付" in row.inner_text() and "未认领" in row.inner_text()
    assert row.get_by_test_id("warning").inner_text()  # the deadline said in words
    assert fits(page) and serious(page) == []

    row.get_by_role("link", name=maternity.reference).click()
    page.wait_for_url(f"**/workbench/cases/{maternity.reference}/")
    assert page.get_by_test_id("evidence").count() >= 1
    assert fits(page) and serious(page) == []

    page.get_by_test_id("action-claim").get_by_role("button", name="认领").click()
    page.get_by_text("已认领该办件。").wait_for()
    assert page.get_by_test_id("case-assignee").inner_text() == officer.full_name

    # The one-time notice offers five rows without script; the script adds more.
    page.get_by_text("一次性告知补正", exact=True).click()
    notice = page.get_by_test_id("action-supplement")
    assert notice.locator(".supplement-row").count() == 5
    notice.get_by_role("button", name="再加一项").click()
    assert notice.locator(".supplement-row").count() == 6
    assert notice.locator("input[name='items-TOTAL_FORMS']").input_value() == "6"
    assert fits(page) and serious(page) == []

    page.get_by_test_id("action-accept").get_by_role("button", name="受理").click()
    page.get_by_text("已受理。").wait_for()
    review = page.get_by_test_id("action-complete_task")
    review.get_by_label("办理意见").fill("出生医学证明已核验，参保信息齐全")
    review.get_by_role("button").click()
    page.get_by_text("已完成本环节。").wait_for()

    decide = page.get_by_test_id("action-decide")
    decide.get_by_label("准予").check()
    assert fits(page) and serious(page) == []
    decide.get_by_role("button", name="提交决定").click()
    page.get_by_text("已作出决定。").wait_for()
    assert page.get_by_test_id("case-status").inner_text() == "准予"
    assert "出生医学证明已核验" in page.get_by_test_id("timeline").inner_text()
    assert fits(page) and serious(page) == []
    assert Case.objects.get(pk=maternity.pk).status == CaseStatus.APPROVED

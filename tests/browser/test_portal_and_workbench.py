"""What a citizen and an officer do in a real browser, on a phone first."""

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser

VIEWPORTS = {"phone": {"width": 375, "height": 812}, "desktop": {"width": 1280, "height": 800}}


def has_horizontal_overflow(page) -> bool:
    return page.evaluate(
        "document.documentElement.scrollWidth > document.documentElement.clientWidth"
    )


def test_citizen_logs_in_on_a_phone_and_sees_their_masked_id_number(page, citizen, login_citizen):
    login_citizen(page, citizen)

    assert page.get_by_role("heading", name="我的", level=1).is_visible()
    assert page.get_by_test_id("masked-id").inner_text() == "330106********1236"
    assert "330106199003071236" not in page.content()
    assert page.get_by_text("您目前不能代任何企业办事").is_visible()
    assert not has_horizontal_overflow(page)


def test_citizen_login_code_shows_in_the_demo_banner_and_can_be_resent(page, citizen, settings):
    settings.ONEVISIT_OTP_RESEND_SECONDS = 0  # no waiting a minute for the resend in a test
    page.goto("/login/")
    page.get_by_label("身份证号码").fill(citizen.id_number)
    page.get_by_label("密码").fill("Correct-Horse-9")
    page.get_by_role("button", name="下一步").click()
    first = page.get_by_test_id("demo-code").inner_text()
    assert page.get_by_text("138****0001").is_visible()

    page.get_by_role("button", name="重新发送验证码").click()

    assert page.get_by_text("验证码已重新发送。").is_visible()
    second = page.get_by_test_id("demo-code").inner_text()
    page.get_by_label("短信验证码").fill(second)
    page.get_by_role("button", name="登录", exact=True).click()
    page.wait_for_url("**/my/")
    assert len(first) == len(second) == 6


def test_officer_sees_department_role_and_empty_queue(page, officer, login_officer):
    login_officer(page, officer)

    assert page.get_by_test_id("department").inner_text() == "杭州市公安局"
    assert page.get_by_test_id("roles").inner_text() == "审批经办人"
    assert page.get_by_test_id("queue-empty").inner_text() == "暂无待办"
    assert page.get_by_role("link", name="设置动态口令（两步验证）").is_visible()
    assert not has_horizontal_overflow(page)


def test_switching_to_english_shows_english_text(page, province):
    page.goto("/")
    assert page.locator("html").get_attribute("lang") == "zh-hans"

    page.get_by_role("button", name="English").click()

    page.wait_for_selector("html[lang=en]")
    assert page.get_by_role("heading", level=1).inner_text() == "Maximum One Visit"
    assert page.get_by_label("Search services").is_visible()
    assert page.get_by_text("Zhejiang Province Public Security Bureau").is_visible()
    page.goto("/login/")  # the choice sticks (language cookie)
    assert page.get_by_label("ID card number").is_visible()
    page.get_by_role("button", name="简体中文").click()
    page.wait_for_selector("html[lang=zh-hans]")
    assert page.get_by_role("heading", level=1).inner_text() == "个人登录"


def test_portal_search_updates_results_in_place(page, province):
    page.goto("/")
    page.evaluate("window.notReloaded = true")
    page.get_by_label("搜索服务事项").fill("新生儿出生")
    page.get_by_role("button", name="搜索").click()

    results = page.locator("#search-results")
    results.get_by_text("服务目录尚未发布").wait_for()
    assert "“新生儿出生”的搜索结果" in results.inner_text()
    assert "q=" in page.url  # htmx pushed the search into the address bar
    assert page.evaluate("window.notReloaded") is True  # swapped in place, no page load


@pytest.mark.parametrize("size", VIEWPORTS)
@pytest.mark.parametrize("screen", ["portal home", "portal login", "workbench home"])
def test_no_serious_accessibility_violations(pages, province, officer, login_officer, screen, size):
    page = pages.open(VIEWPORTS[size])
    if screen == "portal home":
        page.goto("/")
    elif screen == "portal login":
        page.goto("/login/")
    else:
        login_officer(page, officer)

    results = Axe().run(page)

    serious = [v for v in results.response["violations"] if v["impact"] in {"serious", "critical"}]
    assert serious == [], results.generate_report()
    assert not has_horizontal_overflow(page)


def test_pages_load_nothing_from_other_hosts(
    pages, province, citizen, officer, login_citizen, login_officer
):
    page = pages.open()
    page.goto("/")
    page.get_by_label("搜索服务事项").fill("开办企业")
    page.get_by_role("button", name="搜索").click()
    page.locator("#search-results").get_by_text("服务目录尚未发布").wait_for()
    login_citizen(page, citizen)
    staff_page = pages.open(VIEWPORTS["desktop"])
    login_officer(staff_page, officer)
    staff_page.get_by_role("link", name="账号安全").click()
    staff_page.wait_for_url("**/security/totp/")

    assert any("/static/vendor/htmx-2.0.11/htmx.min.js" in url for url in pages.requested)
    assert pages.external_requests() == []

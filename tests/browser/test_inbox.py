"""A citizen reads their messages on a phone: the unread badge, the inbox, marking read."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from onevisit.notifications.services import notification_send

pytestmark = pytest.mark.browser


def has_horizontal_overflow(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth")


def test_citizen_reads_and_marks_messages_on_a_phone(page, citizen, login_citizen):
    notification_send(recipient=citizen, subject="申请已提交",
                      body="您的出生“一件事”申请 APP-20261122-7KQ2M9 已提交，各部门将并联办理。")
    notification_send(recipient=citizen, subject="共享数据已获取", body="户籍信息已从公安部门获取，无需再上传户口簿。")
    login_citizen(page, citizen)

    assert page.get_by_test_id("unread-badge").inner_text().startswith("2")
    page.get_by_test_id("nav-inbox").click()
    page.wait_for_url("**/my/inbox/")
    assert page.get_by_role("heading", name="我的消息", level=1).is_visible()
    assert page.get_by_test_id("inbox-item").count() == 2
    assert not has_horizontal_overflow(page)
    serious = [v for v in Axe().run(page).response["violations"] if v["impact"] in {"serious", "critical"}]
    assert serious == []

    page.get_by_test_id("inbox-item").filter(has_text="共享数据已获取").get_by_role("button", name="标为已读").click()
    # expect() waits for the reloaded page: reading at once could still see the old badge.
    expect(page.get_by_test_id("unread-badge")).to_have_text(re.compile(r"^1"))

    page.get_by_test_id("inbox-read-all").click()
    expect(page.get_by_test_id("inbox-unread")).to_have_text("0 条未读")
    expect(page.get_by_test_id("unread-badge")).to_have_count(0)

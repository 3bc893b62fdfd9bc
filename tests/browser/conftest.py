"""Browser tests: Playwright's sync API driving Debian's Chromium against the live server.

One Chromium for all browser tests, a fresh context (cookies, viewport) per page. Chromium is
never downloaded: without /usr/bin/chromium the tests skip on a workstation and fail under CI.
"""

import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from onevisit.accounts.seed import seed_departments
from onevisit.core.seeding import SeedContext
from onevisit.notifications.models import Notification

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE = {"width": 375, "height": 812}
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}
PASSWORD = "Correct-Horse-9"  # what tests/conftest.py gives its citizen and officer
ASYNC_UNSAFE = "DJANGO_ALLOW_ASYNC_UNSAFE"


@pytest.fixture(scope="package")
def browser():
    """Chromium for the browser tests, closed when the run leaves this package.

    Playwright's sync API keeps an event loop running in the main thread while it is open, and
    Django refuses ORM calls under a running loop; so, only for as long as Playwright is open,
    DJANGO_ALLOW_ASYNC_UNSAFE lets the tests (and the live server's flushes) touch the database.
    Not process-wide: subprocesses started by other tests must not inherit it.
    """
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    previous = os.environ.get(ASYNC_UNSAFE)
    os.environ[ASYNC_UNSAFE] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(CHROMIUM), headless=True, args=LAUNCH_ARGS
            )
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop(ASYNC_UNSAFE, None)
        else:
            os.environ[ASYNC_UNSAFE] = previous


class Pages:
    """Opens pages on the live server and remembers every URL any of them requested."""

    def __init__(self, browser, base_url: str):
        self.browser = browser
        self.base_url = base_url
        self.requested: list[str] = []
        self.contexts = []

    def open(self, viewport: dict = PHONE):
        phone = viewport["width"] < 600
        context = self.browser.new_context(
            viewport=viewport,
            is_mobile=phone,
            has_touch=phone,
            base_url=self.base_url,
            locale="zh-CN",
        )
        context.set_default_timeout(10_000)
        context.on("request", lambda request: self.requested.append(request.url))
        self.contexts.append(context)
        return context.new_page()

    def external_requests(self) -> list[str]:
        return [
            url
            for url in self.requested
            if urlsplit(url).scheme not in {"data", "blob", "about"}
            and urlsplit(url).hostname not in LOCAL_HOSTS
        ]

    def close(self) -> None:
        for context in self.contexts:
            context.close()


@pytest.fixture
def pages(browser, live_server, transactional_db):
    pages = Pages(browser, live_server.url)
    yield pages
    pages.close()


@pytest.fixture
def page(pages):
    """A phone-sized page (375×812), the size every page is designed for first."""
    return pages.open(PHONE)


@pytest.fixture
def province(department):
    """Regions and every department of the demo province, made by the real seed step."""
    seed_departments(SeedContext(stdout=lambda line: None))


@pytest.fixture
def login_citizen():
    """Log in through the portal: ID number and password, then the code that was delivered."""

    def login(page, citizen, password: str = PASSWORD) -> None:
        page.goto("/login/")
        page.get_by_label("身份证号码").fill(citizen.id_number)
        page.get_by_label("密码").fill(password)
        page.get_by_role("button", name="下一步").click()
        page.wait_for_url("**/login/verify/")
        page.get_by_label("短信验证码").fill(delivered_code(citizen))
        page.get_by_role("button", name="登录", exact=True).click()
        page.wait_for_url("**/my/")

    return login


@pytest.fixture
def login_officer():
    def login(page, officer, password: str = PASSWORD) -> None:
        page.goto("/workbench/")
        page.wait_for_url("**/workbench/login/**")
        page.get_by_label("用户名").fill(officer.username)
        page.get_by_label("密码").fill(password)
        page.get_by_role("button", name="登录", exact=True).click()
        page.wait_for_url("**/workbench/")

    return login


def delivered_code(user) -> str:
    """The six digits in the newest notification sent to ``user``."""
    notification = (
        Notification.objects.filter(recipient=user).order_by("-created_at", "-id").first()
    )
    assert notification is not None, "no one-time code was delivered"
    return re.search(r"\b(\d{6})\b", notification.body).group(1)

"""A citizen finds a service by pinyin initials on a phone and reads its guide (办事指南)."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from onevisit.catalogue import seed, services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def catalogue(province):
    """The demo province's departments, the data catalogue and the demo service catalogue."""
    from onevisit.exchange import services as exchange_services

    exchange_services.catalogue_sync_from_providers()
    services.catalogue_import_files(paths=seed.seed_files())


def serious_violations(page) -> list:
    results = Axe().run(page)
    return [v for v in results.response["violations"] if v["impact"] in {"serious", "critical"}]


def test_search_by_pinyin_then_read_the_guide_without_serious_accessibility_violations(page, catalogue):
    page.goto("/")
    page.get_by_label("搜索服务事项").fill("csdj")
    page.get_by_role("button", name="搜索").click()
    page.locator("#search-results").get_by_role("link", name="出生登记").click()
    page.wait_for_url("**/services/DEMO-M01/")

    assert page.get_by_role("heading", name="出生登记", level=1).is_visible()
    assert page.get_by_test_id("visits-count").inner_text() == "0 次"
    hows = page.get_by_test_id("material-how").all_inner_texts()
    assert "电子证照" in hows and "由部门共享获取（户籍信息，公安）" in hows and "在线填写" in hows
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    assert serious_violations(page) == []


def test_the_bundle_guide_has_no_serious_accessibility_violations(page, catalogue):
    page.goto("/life-events/DEMO-B02/")

    assert page.get_by_test_id("component").count() == 6
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    assert serious_violations(page) == []

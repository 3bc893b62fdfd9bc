"""A citizen sees, in a real browser, every time a department read their data through the gateway."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from playwright.sync_api import expect

from onevisit.accounts.models import User
from onevisit.exchange import gateway
from onevisit.exchange.errors import AccessDenied

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, databases="__all__")]

WANG = "330106199003071236"  # the demo citizen
DEMO_PASSWORD = "Demo@2026!"


@pytest.fixture
def demo_province(pages, access_log_flushable):
    """The demo seed, small: registries, catalogue and the Xihu police grants for 出生登记."""
    call_command("seed", citizens=40, enterprises=4, stdout=open("/dev/null", "w"))  # noqa: SIM115
    return User.objects.get(id_number=WANG)


def test_the_citizen_sees_the_hukou_and_marriage_reads_and_a_refused_one(page, demo_province, login_citizen):
    officer = User.objects.get(username="xihu.psb.officer")
    for item in ("population.hukou", "marriage.status"):
        gateway.gateway_fetch(consumer=officer.department, purpose="DEMO-M01", subject=WANG, acting_user=officer,
                              reference="APP-2026-000123", item=item, fields=None)
    with pytest.raises(AccessDenied):
        gateway.gateway_fetch(consumer=officer.department, purpose="DEMO-M99", subject=WANG, acting_user=officer,
                              reference="APP-2026-000999", item="population.hukou", fields=None)

    login_citizen(page, demo_province, password=DEMO_PASSWORD)
    page.get_by_role("link", name="查看数据使用记录").click()
    page.wait_for_url("**/my/data-usage/")

    rows = page.get_by_test_id("usage-row")
    assert rows.filter(has_text="APP-2026-000").count() == 3
    # The demo seed filled 王小明's wallet from the registries: those reads are listed too.
    assert rows.filter(has_text="WALLET-").count() >= 1
    table = page.get_by_test_id("usage-table").inner_text()
    assert "西湖区公安分局" in table
    assert "APP-2026-000123" in table and "APP-2026-000999" in table
    assert "已拒绝" in table
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")

    page.get_by_label("使用部门").select_option(label="西湖区公安分局")
    page.get_by_role("button", name="查询").click()
    page.wait_for_url("**department=330106-PSB*")
    # expect() waits for the filtered page to render; count() alone read the page mid-navigation once in CI.
    expect(page.get_by_test_id("usage-row")).to_have_count(3)

    results = Axe().run(page)
    serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == []

"""Acceptance: a holder shows 2 of 8 fields on a phone; the public verifier sees exactly those 2 and
"valid"; a tampered presentation is refused; after the issuing department revokes the certificate
the verifier shows "revoked"."""

import base64
import json

import pytest
from axe_playwright_python.sync_playwright import Axe
from tests.certificates.wallet_world import LICENCE_FIELDS, licence_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def licence(citizen, department, settings, live_server):
    settings.ONEVISIT_PUBLIC_URL = live_server.url
    return licence_for(citizen, department)


def _show(page, licence, labels) -> str:
    page.goto(f"/my/wallet/{licence.identifier}/")
    page.get_by_role("link", name="出示（亮证）").click()
    for label in labels:
        page.get_by_label(label, exact=True).check()
    page.get_by_role("button", name="生成出示码").click()
    assert page.get_by_test_id("presentation-qr").locator("svg").count() == 1
    return page.get_by_test_id("presentation-text").input_value()


def _verify(page, presentation: str):
    page.goto("/verify/")
    page.get_by_test_id("presentation-input").fill(presentation)
    page.get_by_role("button", name="核验", exact=True).click()
    return page.get_by_test_id("verify-result")


def _tamper(presentation: str) -> str:
    """Change the value inside the first disclosure, keeping it well-formed."""
    parts = presentation.split("~")
    salt, name, _value = json.loads(base64.urlsafe_b64decode(parts[1] + "=" * (-len(parts[1]) % 4)))
    parts[1] = base64.urlsafe_b64encode(json.dumps([salt, name, "李四"]).encode()).rstrip(b"=").decode()
    return "~".join(parts)


def _fits_the_phone(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")


def _revoke_in_the_workbench(page, officer, login_officer, reason: str) -> None:
    login_officer(page, officer)
    page.goto("/workbench/certificates/")
    page.get_by_label("操作").select_option(label="撤销")
    page.get_by_label("理由（必填）").fill(reason)
    page.get_by_role("button", name="提交").click()
    page.get_by_test_id("issued-certificates").get_by_text("已撤销").wait_for()


def test_show_two_of_eight_verify_tamper_and_revoke(pages, licence, citizen, officer, login_citizen, login_officer):
    holder, verifier = pages.open(), pages.open()
    login_citizen(holder, citizen)

    presentation = _show(holder, licence, ["名称", "法定代表人"])
    assert _fits_the_phone(holder)
    result = _verify(verifier, presentation)
    assert result.get_attribute("data-code") == "ok"
    assert verifier.get_by_test_id("verify-status").inner_text() == "有效"
    rows = verifier.get_by_test_id("disclosed-field")
    assert sorted(rows.nth(i).get_attribute("data-name") for i in range(rows.count())) == ["legal_person", "name"]
    text = result.inner_text()
    assert LICENCE_FIELDS["name"] in text and "王小明" in text
    assert all(LICENCE_FIELDS[f] not in text for f in ("uscc", "address", "business_scope", "registered_capital"))
    assert _fits_the_phone(verifier)
    serious = [v for v in Axe().run(verifier).response["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == []

    tampered = _tamper(_show(holder, licence, ["名称", "法定代表人"]))
    result = _verify(verifier, tampered)
    assert result.get_attribute("data-code") == "tampered"
    assert verifier.get_by_test_id("verify-status").inner_text() == "无效"
    assert verifier.get_by_test_id("disclosed-field").count() == 0

    _revoke_in_the_workbench(pages.open(), officer, login_officer, "以欺骗手段取得登记")
    result = _verify(verifier, _show(holder, licence, ["名称"]))
    assert result.get_attribute("data-code") == "revoked"
    assert verifier.get_by_test_id("verify-status").inner_text() == "已撤销"


def test_the_verifier_code_flow_on_a_phone(pages, licence, citizen, login_citizen):
    holder, verifier = pages.open(), pages.open()
    login_citizen(holder, citizen)
    verifier.goto("/verify/")
    verifier.get_by_label("核验方名称").fill("西湖区市场监管所窗口")
    verifier.get_by_role("button", name="生成核验码").click()
    code = verifier.get_by_test_id("request-code").inner_text()
    assert verifier.get_by_test_id("request-qr").locator("svg").count() == 1

    holder.goto(f"/my/wallet/show/?request={code}")
    holder.get_by_role("link", name="营业执照").click()
    assert "西湖区市场监管所窗口" in holder.get_by_test_id("show-to").inner_text()
    holder.get_by_label("统一社会信用代码", exact=True).check()
    holder.get_by_role("button", name="生成出示码").click()
    presentation = holder.get_by_test_id("presentation-text").input_value()

    verifier.get_by_test_id("presentation-input").fill(presentation)
    verifier.get_by_role("button", name="核验", exact=True).click()
    assert verifier.get_by_test_id("verify-result").get_attribute("data-code") == "ok"
    assert verifier.get_by_test_id("disclosed-field").count() == 1

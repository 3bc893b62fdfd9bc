"""A citizen opens 我的证照 on a phone: statuses in words, a detail page, the PDF link; nothing
runs off the screen and axe finds nothing serious."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from onevisit.catalogue.models import CertificateType
from onevisit.certificates.issuing import certificate_issue
from onevisit.certificates.status_changes import certificate_status_change

pytestmark = pytest.mark.browser


def has_horizontal_overflow(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth")


def serious_violations(page) -> list:
    return [v for v in Axe().run(page).response["violations"] if v["impact"] in {"serious", "critical"}]


def _passport(citizen, department, reference, number):
    kind, _ = CertificateType.objects.get_or_create(
        code="passport", defaults={"name": "普通护照", "issuing_sector": "PSB", "fields": [
            {"name": "passport_number", "label": "护照号码"}, {"name": "name", "label": "姓名"}]})
    certificate, _created = certificate_issue(
        certificate_type=kind, department=department, holder_kind="person", holder_id=citizen.id_number,
        holder_name=citizen.full_name, holder_user=citizen, source="registry", source_reference=reference,
        data={"passport_number": number, "name": citizen.full_name})
    return certificate


def test_citizen_sees_the_wallet_and_a_certificate_on_a_phone(page, citizen, department, officer, login_citizen):
    valid = _passport(citizen, department, "registry:passport:1:1", "E12345678")
    lost = _passport(citizen, department, "registry:passport:2:1", "E00000001")
    certificate_status_change(certificate_id=lost.pk, action="revoked", user=officer, reason="护照遗失，原证作废")
    login_citizen(page, citizen)

    page.goto("/my/wallet/")
    statuses = page.get_by_test_id("wallet-status").all_inner_texts()
    assert sorted(statuses) == ["已撤销", "有效"]
    assert not has_horizontal_overflow(page)
    assert serious_violations(page) == []

    page.get_by_test_id("wallet-list").get_by_role("link").first.click()
    page.wait_for_url(f"**/my/wallet/{valid.identifier}/")
    assert page.get_by_test_id("certificate-identifier").inner_text() == valid.identifier
    assert page.get_by_test_id("certificate-issuer").inner_text() == "杭州市公安局"
    assert "E12345678" in page.get_by_test_id("certificate-fields").inner_text()
    assert page.get_by_test_id("certificate-pdf").get_attribute("href").endswith("certificate.pdf")
    assert not has_horizontal_overflow(page)
    assert serious_violations(page) == []

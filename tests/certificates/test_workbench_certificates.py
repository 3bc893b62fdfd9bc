"""Workbench: an officer of the issuing department finds a certificate and revokes it with a reason."""

import pytest

from onevisit.accounts import services as account_services
from onevisit.accounts.models import Department, Sector, StaffRole
from onevisit.certificates.models import Certificate

pytestmark = pytest.mark.django_db


def test_the_issuing_officer_revokes_from_the_workbench(client, citizen, officer, issue):
    certificate = issue(citizen)
    client.force_login(officer)

    listing = client.get("/workbench/certificates/", {"q": "王小明"}).content.decode()
    response = client.post(f"/workbench/certificates/{certificate.identifier}/status/",
                           {"action": "revoked", "reason": "证件遗失补办"})

    assert certificate.identifier in listing
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.status == "revoked" and certificate.status_changed_by == officer


def test_another_departments_officer_is_refused_with_a_page(client, regions, citizen, issue):
    other = Department.objects.create(code="330100-AMR", name="杭州市市场监督管理局", sector=Sector.AMR, level="city",
                                      region=regions["330100"])
    stranger = account_services.staff_create(username="hz.amr.officer", full_name="赵科员", department=other,
                                             roles=[StaffRole.CASE_OFFICER], password="Correct-Horse-9")
    certificate = issue(citizen)
    client.force_login(stranger)

    assert certificate.identifier not in client.get("/workbench/certificates/").content.decode()
    response = client.post(f"/workbench/certificates/{certificate.identifier}/status/",
                           {"action": "revoked", "reason": "不该成功"})

    assert response.status_code == 403
    assert Certificate.objects.get(pk=certificate.pk).status == "valid"

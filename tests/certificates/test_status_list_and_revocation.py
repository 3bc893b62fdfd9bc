"""The issuing department suspends, resumes, revokes or cancels with a reason; the served status
list shows it at once and verifiers see the new status."""

import json

import pytest
from jwcrypto.jwk import JWKSet
from jwcrypto.jwt import JWT

from onevisit.accounts import services as account_services
from onevisit.accounts.models import Department, Sector, StaffRole
from onevisit.certificates.errors import (
    NotIssuingDepartment,
    ReasonRequired,
    StatusChangeNotAllowed,
)
from onevisit.certificates.models import CertificateEvent
from onevisit.certificates.publishing import verifier_cache
from onevisit.certificates.status_changes import certificate_status_change
from onevisit.certificates.status_list import status_at, status_list_decode
from onevisit.certificates.verification import Reason, vc_verify
from onevisit.notifications.models import Notification

pytestmark = pytest.mark.django_db


def served_status(client, department, index):
    response = client.get(f"/.well-known/onevisit/issuers/{department.code}/status-list")
    assert response.status_code == 200 and response["Content-Type"] == "application/statuslist+jwt"
    jwks = client.get(f"/.well-known/onevisit/issuers/{department.code}/jwks.json").content.decode()
    token = JWT(jwt=response.content.decode(), key=JWKSet.from_json(jwks), expected_type="JWS")
    assert json.loads(token.token.objects["protected"])["typ"] == "statuslist+jwt"
    claims = json.loads(token.claims)
    assert claims["sub"].endswith(f"/issuers/{department.code}/status-list")
    return status_at(status_list_decode(claims["status_list"]["lst"]), index)


def test_each_certificate_gets_its_own_index_and_the_list_says_valid(client, department, citizen, issue):
    first, second = issue(citizen, "r:1"), issue(citizen, "r:2")

    assert (first.status_index, second.status_index) == (0, 1)
    assert served_status(client, department, 1) == 0


def test_revocation_by_the_issuing_department_shows_in_the_list_at_once(client, department, citizen, officer, issue):
    certificate = issue(citizen)

    certificate_status_change(certificate_id=certificate.pk, action="revoked", user=officer, reason="证件遗失补办")

    assert served_status(client, department, certificate.status_index) == 1
    event = CertificateEvent.objects.get(certificate=certificate, action="revoked")
    assert event.actor == officer and event.reason == "证件遗失补办"
    assert Notification.objects.filter(recipient=citizen, body__contains="证件遗失补办").exists()
    jwks, lists = verifier_cache([department])
    assert vc_verify(certificate.sd_jwt, jwks=jwks, status_lists=lists).reason == Reason.REVOKED


def test_the_signed_list_is_reused_until_a_certificate_of_the_department_changes(client, department, citizen,
                                                                                 officer, issue):
    url = f"/.well-known/onevisit/issuers/{department.code}/status-list"
    certificate = issue(citizen)
    first = client.get(url).content
    assert client.get(url).content == first  # not signed again: same iat, same signature

    certificate_status_change(certificate_id=certificate.pk, action="revoked", user=officer, reason="证件遗失补办")
    assert served_status(client, department, certificate.status_index) == 1

    other = issue(citizen, "r:another")  # a new certificate moves the list on too
    assert served_status(client, department, other.status_index) == 0
    other.status = "suspended"  # a save outside the services (the admin) is seen as well
    other.save()
    assert served_status(client, department, other.status_index) == 2


def test_suspend_then_resume(client, department, citizen, officer, issue):
    certificate = issue(citizen)

    certificate_status_change(certificate_id=certificate.pk, action="suspended", user=officer, reason="核查中")
    assert served_status(client, department, certificate.status_index) == 2
    certificate_status_change(certificate_id=certificate.pk, action="resumed", user=officer, reason="核查完毕")
    assert served_status(client, department, certificate.status_index) == 0


def test_a_revoked_certificate_cannot_be_resumed(department, citizen, officer, issue):
    certificate = issue(citizen)
    certificate_status_change(certificate_id=certificate.pk, action="cancelled", user=officer, reason="持证人注销")

    with pytest.raises(StatusChangeNotAllowed):
        certificate_status_change(certificate_id=certificate.pk, action="resumed", user=officer, reason="误操作")


def test_another_department_and_a_missing_reason_are_refused(regions, department, citizen, officer, issue):
    other = Department.objects.create(code="330100-AMR", name="杭州市市场监督管理局", sector=Sector.AMR, level="city",
                                      region=regions["330100"])
    stranger = account_services.staff_create(username="hz.amr.officer", full_name="赵科员", department=other,
                                             roles=[StaffRole.CASE_OFFICER], password="Correct-Horse-9")
    certificate = issue(citizen)

    with pytest.raises(NotIssuingDepartment):
        certificate_status_change(certificate_id=certificate.pk, action="revoked", user=stranger, reason="不该成功")
    with pytest.raises(ReasonRequired):
        certificate_status_change(certificate_id=certificate.pk, action="revoked", user=officer, reason="  ")
    with pytest.raises(NotIssuingDepartment):
        certificate_status_change(certificate_id=certificate.pk, action="revoked", user=citizen, reason="自己撤销")


def test_api_status_change_is_typed_json(client, department, citizen, officer, issue):
    certificate = issue(citizen)
    url = f"/api/v1/certificates/{certificate.identifier}/status"

    client.force_login(citizen)
    refused = client.post(url, {"action": "revoked", "reason": "x"}, content_type="application/json")
    assert refused.status_code == 403 and refused.json()["code"] == "not_issuing_department"
    client.force_login(officer)
    bad = client.post(url, {"action": "explode", "reason": "x"}, content_type="application/json")
    assert bad.status_code == 422 and "code" in bad.json()
    done = client.post(url, {"action": "suspended", "reason": "核查中"}, content_type="application/json")
    assert done.status_code == 200 and done.json()["status"] == "suspended"
    missing = client.post("/api/v1/certificates/1.2.156.3005.2.NOPE.X.1.1.0/status",
                          {"action": "revoked", "reason": "x"}, content_type="application/json")
    assert missing.status_code == 404

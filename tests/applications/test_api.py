"""The applications API: the happy path over HTTP, the error shape, someone else's application."""

import pytest

from .conftest import APPS_DATABASES

pytestmark = pytest.mark.django_db(databases=APPS_DATABASES)

CITIZEN = "onevisit.accounts.backends.CitizenBackend"
BASE = "/api/v1/applications"
M01_FORM = {"baby_name": "王小宝", "follow_parent": "随父", "ethnicity": "汉族", "applicant_phone": "13800000001"}


def test_happy_path_over_http(client, apps_wang):
    client.force_login(apps_wang, backend=CITIZEN)

    created = client.post(BASE, {"kind": "matter", "code": "DEMO-M01", "channel": "mobile"}, content_type="application/json")
    assert created.status_code == 201, created.json()
    reference = created.json()["reference"]
    assert created.json()["form_schema"]["properties"]["follow_parent"]["enum"] == ["随父", "随母"]

    prefilled = client.post(f"{BASE}/{reference}/prefill").json()
    preview = {e["requirement_key"]: e for e in prefilled["evidence"]}
    assert preview["population.hukou"]["status"] == "fetched"
    assert preview["population.hukou"]["department"] == "浙江省公安厅"
    assert "data" not in preview["population.hukou"]  # only the masked display leaves
    assert client.post(f"{BASE}/{reference}/evidence/confirm").status_code == 200

    bad = client.patch(f"{BASE}/{reference}/form", {"version": 3, "data": {"follow_parent": "随舅"}},
                       content_type="application/json")
    assert bad.status_code == 422 and bad.json()["details"][0]["field"] == "follow_parent"
    stale = client.patch(f"{BASE}/{reference}/form", {"version": 1, "data": M01_FORM}, content_type="application/json")
    assert stale.status_code == 409 and stale.json()["code"] == "stale_version"
    version = client.get(f"{BASE}/{reference}").json()["version"]
    saved = client.patch(f"{BASE}/{reference}/form", {"version": version, "data": M01_FORM},
                         content_type="application/json")
    assert saved.status_code == 200
    assert all(r["state"] != "to_do" for r in saved.json()["requirements"])

    first = client.post(f"{BASE}/{reference}/submit", headers={"Idempotency-Key": "abc"})
    again = client.post(f"{BASE}/{reference}/submit", headers={"Idempotency-Key": "abc"})
    assert first.status_code == again.status_code == 200, first.json()
    assert first.json()["status"] == "submitted"
    assert first.json()["submitted_at"] == again.json()["submitted_at"]
    assert first.json()["material_summary"]["counts"]["fetched"] == 3

    listed = client.get(BASE).json()
    assert [a["reference"] for a in listed["items"]] == [reference]
    late = client.patch(f"{BASE}/{reference}/form", {"version": 9, "data": M01_FORM}, content_type="application/json")
    assert late.status_code == 409 and late.json()["code"] == "not_draft"


def test_uploads_and_commitments_over_http(client, apps_li):
    client.force_login(apps_li, backend=CITIZEN)
    reference = client.post(BASE, {"kind": "bundle", "code": "DEMO-B01"}, content_type="application/json").json()["reference"]
    from django.core.files.uploadedfile import SimpleUploadedFile

    wrong = client.post(f"{BASE}/{reference}/uploads", {
        "requirement_key": "自定义公司章程", "file": SimpleUploadedFile("a.pdf", b"\x89PNG\r\n\x1a\n0000")})
    assert wrong.status_code == 422 and wrong.json()["details"][0]["code"] == "file_type"
    ok = client.post(f"{BASE}/{reference}/uploads", {
        "requirement_key": "自定义公司章程", "file": SimpleUploadedFile("a.pdf", b"%PDF-1.7 test")})
    assert ok.status_code == 201 and ok.json()["uploads"][0]["content_type"] == "application/pdf"
    signed = client.post(f"{BASE}/{reference}/commitments", {"requirement_key": "address_pledge",
                                                              "signed_name": "李华"}, content_type="application/json")
    assert signed.status_code == 201 and signed.json()["commitments"][0]["signed_name"] == "李华"


def test_another_citizens_application_is_not_found(client, apps_wang, apps_li):
    client.force_login(apps_wang, backend=CITIZEN)
    reference = client.post(BASE, {"kind": "matter", "code": "DEMO-M01"}, content_type="application/json").json()["reference"]
    client.logout()
    client.force_login(apps_li, backend=CITIZEN)

    for response in (client.get(f"{BASE}/{reference}"), client.post(f"{BASE}/{reference}/prefill"),
                     client.post(f"{BASE}/{reference}/submit")):
        assert response.status_code == 404
        assert set(response.json()) == {"code", "message", "details"}
    assert client.get(BASE).json()["items"] == []


def test_errors_are_typed(client, apps_wang):
    client.force_login(apps_wang, backend=CITIZEN)

    unknown = client.post(BASE, {"kind": "matter", "code": "DEMO-M99"}, content_type="application/json")
    wrong = client.post(BASE, {"kind": "matter", "code": "DEMO-M23"}, content_type="application/json")
    client.logout()
    anonymous = client.get(BASE)

    assert unknown.status_code == 404 and unknown.json()["code"] == "not_found"
    assert wrong.status_code == 422 and wrong.json()["code"] == "applicant_type_mismatch"
    assert anonymous.status_code == 401

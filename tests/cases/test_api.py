"""The cases API over HTTP: department isolation, roles, the whole handling path, optimistic
locking, idempotent retries, keyset pages, and the applicant's own view and supplement answer."""

import datetime

import pytest

from onevisit.accounts import services as account_services
from onevisit.accounts.models import StaffRole
from onevisit.applications.models import Application, ApplicationMatter, ApplicationStatus
from onevisit.cases.models import Case, CaseStatus

from .conftest import APPS_DATABASES, officer_of

pytestmark = pytest.mark.django_db(databases=APPS_DATABASES)

API = "/api/v1/cases"


def as_user(client, user):
    client.force_login(user)
    return client


def act(client, case_ref, action, key=None, **body):
    headers = {"Idempotency-Key": key} if key else {}
    return client.post(f"{API}/{case_ref}/{action}", body, content_type="application/json", headers=headers)


def refs(response):
    assert response.status_code == 200, response.content
    return [row["reference"] for row in response.json()["items"]]


def test_an_officer_lists_only_cases_of_their_department(client, newborn_cases):
    birth = newborn_cases["DEMO-M37"]
    mine = {c.reference for c in newborn_cases.values() if c.department_id == birth.department_id}
    others = {c.reference for c in newborn_cases.values()} - mine
    assert others, "the bundle spans several departments"

    listed = refs(as_user(client, officer_of(birth)).get(API, {"queue": "all"}))

    assert set(listed) == mine


def test_another_departments_case_is_not_found_for_reading_or_acting(client, newborn_cases):
    birth, hukou = newborn_cases["DEMO-M37"], newborn_cases["DEMO-M01"]
    assert birth.department_id != hukou.department_id
    client = as_user(client, officer_of(birth))

    read = client.get(f"{API}/{hukou.reference}")
    claimed = act(client, hukou.reference, "claim", version=hukou.version)
    found = refs(client.get(f"{API}/search", {"q": hukou.reference}))

    assert (read.status_code, read.json()["code"]) == (404, "case_not_found")
    assert (claimed.status_code, claimed.json()["code"]) == (404, "case_not_found")
    assert found == []
    assert Case.objects.get(pk=hukou.pk).version == hukou.version


def test_a_window_clerk_sees_the_case_but_cannot_act_on_it(client, newborn_cases):
    birth = newborn_cases["DEMO-M37"]
    clerk = account_services.staff_create(username="test.window.clerk", full_name="窗口人员", password="Correct-Horse-9",
                                          department=birth.department, roles=[StaffRole.WINDOW_CLERK])
    client = as_user(client, clerk)

    assert client.get(f"{API}/{birth.reference}").status_code == 200
    decided = act(client, birth.reference, "accept", version=birth.version, decision="approved")

    assert (decided.status_code, decided.json()["code"]) == (403, "case_role_required")


def test_a_citizen_cannot_use_the_staff_queue(client, newborn_cases, apps_wang):
    response = as_user(client, apps_wang).get(API)

    assert (response.status_code, response.json()["code"]) == (403, "case_role_required")


def test_a_case_goes_from_claim_to_decision_over_http(client, newborn_cases):
    case = newborn_cases["DEMO-M37"]  # the others wait for it
    Case.objects.filter(pk=case.pk).update(immediate=False)  # a promised-time matter (承诺件): reviewed first
    client = as_user(client, officer_of(case))

    body = act(client, case.reference, "claim", version=case.version).json()
    body = act(client, case.reference, "accept", version=body["version"]).json()
    assert (body["status"], body["task"]) == ("in_progress", "review")
    body = act(client, case.reference, "complete-task", version=body["version"], task="review", opinion="材料齐全").json()
    decided = act(client, case.reference, "decide", version=body["version"], decision="approved")

    assert decided.status_code == 200, decided.content
    body = decided.json()
    assert (body["status"], body["decision"], body["warning"]) == ("approved", "approved", "done")
    assert [e["action"] for e in body["timeline"]] == ["opened", "claimed", "accepted", "reviewed", "approved"]
    assert [e["seq"] for e in body["timeline"]] == [1, 2, 3, 4, 5]
    assert client.get(API, {"queue": "done"}).json()["items"][0]["reference"] == case.reference


def test_an_immediate_case_is_decided_at_acceptance(client, newborn_cases):
    birth = newborn_cases["DEMO-M37"]
    client = as_user(client, officer_of(birth))

    response = act(client, birth.reference, "accept", version=birth.version, decision="approved")

    assert response.status_code == 200, response.content
    assert response.json()["status"] == "approved"


def test_a_stale_version_is_a_conflict_and_changes_nothing(client, newborn_cases):
    case = newborn_cases["DEMO-M37"]
    client = as_user(client, officer_of(case))
    act(client, case.reference, "claim", version=case.version)

    stale = act(client, case.reference, "release", version=case.version)

    assert (stale.status_code, stale.json()["code"]) == (409, "case_stale")
    assert stale.json()["details"] == {"version": case.version + 1}
    assert Case.objects.get(pk=case.pk).version == case.version + 1


def test_a_retried_request_with_the_same_key_acts_once(client, newborn_cases):
    case = newborn_cases["DEMO-M37"]
    client = as_user(client, officer_of(case))

    first = act(client, case.reference, "claim", key="claim-7f3a", version=case.version)
    again = act(client, case.reference, "claim", key="claim-7f3a", version=case.version)

    assert (first.status_code, again.status_code) == (200, 200)
    assert first.json()["version"] == again.json()["version"] == case.version + 1
    assert Case.objects.get(pk=case.pk).events.count() == case.version + 1


def test_invalid_input_is_a_422_naming_the_field(client, newborn_cases):
    case = newborn_cases["DEMO-M37"]
    client = as_user(client, officer_of(case))

    missing = act(client, case.reference, "suspend", version=case.version, reason="")
    cursor = client.get(API, {"cursor": "bm9wZQ"})

    assert (missing.status_code, missing.json()["details"][0]["field"]) == (422, "reason")
    assert (cursor.status_code, cursor.json()["details"][0]["field"]) == (422, "cursor")


# Ties on the sort key (same due date, same decision time) and NULLs (waiting: no due date) are
# where keyset pages go wrong. Every closed case has its closing time.
STATUSES = [CaseStatus.RECEIVED, CaseStatus.WAITING, CaseStatus.APPROVED, CaseStatus.TERMINATED, CaseStatus.RECEIVED]


@pytest.fixture
def many_cases(newborn_application, newborn_cases):
    """Thirty more cases in the birth certificate department (one application each), with shared
    and missing due dates."""
    birth = newborn_cases["DEMO-M37"]
    today = datetime.date(2026, 3, 2)
    decided = datetime.datetime(2026, 3, 1, 10, 0, tzinfo=datetime.UTC)
    applications = Application.objects.bulk_create([
        Application(reference=f"APP-20260301-TEST{i:02d}", applicant=birth.applicant, matter=birth.matter,
                    status=ApplicationStatus.SUBMITTED) for i in range(30)])
    rows = ApplicationMatter.objects.bulk_create([
        ApplicationMatter(application=a, matter=birth.matter, position=0) for a in applications])
    Case.objects.bulk_create([
        Case(reference=f"{row.application.reference}-01", application=row.application, application_matter=row,
             matter=birth.matter, department=birth.department, applicant=birth.applicant,
             applicant_name=birth.applicant_name, channel="web", task="accept",
             status=status, committed_due=None if status == CaseStatus.WAITING else today + datetime.timedelta(days=i % 4),
             decided_at=decided if status in (CaseStatus.APPROVED, CaseStatus.TERMINATED) else None)
        for i, (row, status) in enumerate(zip(rows, STATUSES * 6, strict=True))])
    return birth


@pytest.mark.parametrize("queue", ["all", "todo", "waiting", "done"])
def test_keyset_pages_cover_the_queue_once_in_order(client, many_cases, queue):
    client = as_user(client, officer_of(many_cases))
    everything = refs(client.get(API, {"queue": queue, "limit": 100}))

    seen, cursor, pages = [], None, 0
    while True:
        params = {"queue": queue, "limit": 4, **({"cursor": cursor} if cursor else {})}
        body = client.get(API, params).json()
        seen += [row["reference"] for row in body["items"]]
        pages += 1
        cursor = body["next_cursor"]
        if cursor is None:
            break

    assert seen == everything
    assert len(set(seen)) == len(seen)
    assert pages == max(1, -(-len(everything) // 4))


def test_search_pages_by_keyset_too(client, many_cases):
    client = as_user(client, officer_of(many_cases))
    prefix = "APP-20260301-TEST"
    everything = refs(client.get(f"{API}/search", {"q": prefix, "limit": 100}))

    first = client.get(f"{API}/search", {"q": prefix, "limit": 20}).json()
    second = client.get(f"{API}/search", {"q": prefix, "limit": 20, "cursor": first["next_cursor"]}).json()

    assert len(everything) == 30
    assert [r["reference"] for r in first["items"] + second["items"]] == everything


def test_the_applicant_sees_their_own_cases_and_answers_a_notice(client, newborn_application, newborn_cases,
                                                                 apps_wang, apps_li):
    birth = newborn_cases["DEMO-M37"]
    officer_client = as_user(client, officer_of(birth))
    act(officer_client, birth.reference, "supplement", version=birth.version, items=[
        {"key": "mother_id", "name": "母亲身份证明", "reason": "照片不清晰"}])
    url = f"/api/v1/applications/{newborn_application.reference}/cases"

    stranger = as_user(client, apps_li).get(url)
    supplied_by_stranger = client.post(f"{API}/{birth.reference}/supply", {"answers": '{"mother_id": "x"}'})
    client = as_user(client, apps_wang)
    mine = client.get(url).json()

    assert stranger.status_code == 404
    assert supplied_by_stranger.status_code == 404
    assert mine["combined_status"]["code"] == "supplement"
    assert len(mine["cases"]) == 6
    assert mine["supplements"][0]["items"][0]["name"] == "母亲身份证明"
    assert all("officer" not in step["text"] for step in mine["timeline"])

    incomplete = client.post(f"{API}/{birth.reference}/supply", {})
    supplied = client.post(f"{API}/{birth.reference}/supply", {"mother_id": _pdf()})

    assert (incomplete.status_code, incomplete.json()["code"]) == (422, "supplement_incomplete")
    assert (supplied.status_code, supplied.json()["status"]) == (200, "received")
    assert client.get(url).json()["supplements"] == []


def _pdf():
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("身份证.pdf", b"%PDF-1.7\n% id card\n", content_type="application/pdf")


def test_a_queue_page_is_exactly_the_declared_schema(client, newborn_cases):
    from onevisit.cases.api.schemas import CasePageOut

    birth = newborn_cases["DEMO-M37"]
    officer = officer_of(birth)
    act(as_user(client, officer), birth.reference, "claim", version=birth.version)
    body = client.get(API, {"queue": "all"}).json()

    parsed = CasePageOut.model_validate({"items": [
        {CasePageOut.model_fields["items"].annotation.__args__[0].model_fields[k].alias or k: v
         for k, v in item.items()} for item in body["items"]], "next_cursor": body["next_cursor"]})
    assert len(parsed.items) == len(body["items"]) > 0
    row_schema = CasePageOut.model_json_schema(by_alias=False)["$defs"]["CaseRowOut"]["properties"]
    assert set(body["items"][0]) == set(row_schema)
    claimed = next(i for i in body["items"] if i["reference"] == birth.reference)
    assert claimed["assignee"] == officer.full_name and claimed["matter_code"] == "DEMO-M37"
    assert claimed["status_label"] and claimed["warning"] in ("green", "yellow", "red", "paused", "done", "none")


def test_queue_rows_write_dates_and_times_as_the_case_detail_does(client, newborn_cases):
    birth = newborn_cases["DEMO-M37"]
    Case.objects.filter(pk=birth.pk).update(opened_at=datetime.datetime(2026, 3, 2, 9, 5, 7, 123456, tzinfo=datetime.UTC))
    client = as_user(client, officer_of(birth))

    row = next(r for r in client.get(API, {"queue": "all"}).json()["items"] if r["reference"] == birth.reference)
    detail = client.get(f"{API}/{birth.reference}").json()

    assert row["opened_at"] == detail["opened_at"] == "2026-03-02T09:05:07.123Z"
    assert (row["committed_due"], row["decided_at"]) == (detail["committed_due"], detail["decided_at"])

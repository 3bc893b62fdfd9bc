"""One window (一窗受理): a window clerk finds the visitor by ID number, starts the same flow for
them with channel ``window``, checks originals, submits and the visit is counted."""

import pytest
from django.urls import reverse

from onevisit.accounts.models import StaffRole, User
from onevisit.applications import selectors, services
from onevisit.applications.models import Application, ApplicationStatus, Visit
from onevisit.applications.services import window
from onevisit.cases.models import Case
from onevisit.core.errors import Conflict, PermissionDenied, ValidationFailed

from .conftest import APPS_DATABASES, WANG
from .test_newborn_and_startup import NEWBORN_FORM

pytestmark = pytest.mark.django_db(databases=APPS_DATABASES)

UNKNOWN = "11010519491231002X"  # GB 11643 sample number: no account in the demo


@pytest.fixture
def clerk(apps_world):
    return User.objects.filter(role_assignments__role=StaffRole.WINDOW_CLERK,
                               username__endswith=".gov.window").order_by("username").first()


@pytest.fixture
def case_officer(apps_world):
    return User.objects.filter(role_assignments__role=StaffRole.CASE_OFFICER).order_by("username").first()


def test_clerk_finds_the_visitor_by_id_number(clerk, apps_wang):
    assert window.window_find_visitor(clerk=clerk, id_number=WANG.lower()) == apps_wang
    assert window.window_find_visitor(clerk=clerk, id_number=UNKNOWN) is None


def test_an_invalid_id_number_is_refused(clerk):
    with pytest.raises(ValidationFailed) as error:
        window.window_find_visitor(clerk=clerk, id_number="330106199003071235")
    assert error.value.details[0]["field"] == "id_number"


def test_only_window_clerks_use_the_window(case_officer, apps_wang):
    with pytest.raises(PermissionDenied):
        window.window_find_visitor(clerk=case_officer, id_number=WANG)
    with pytest.raises(PermissionDenied):
        window.window_start(clerk=case_officer, visitor=apps_wang, bundle_code="DEMO-B02")


def test_an_unknown_visitor_is_registered_without_a_password(clerk):
    visitor = window.window_register_visitor(clerk=clerk, id_number=UNKNOWN, full_name=" 张三 ", phone="13800000009")
    assert visitor.is_citizen and visitor.full_name == "张三" and visitor.phone == "13800000009"
    assert not visitor.has_usable_password()
    with pytest.raises(Conflict):
        window.window_register_visitor(clerk=clerk, id_number=UNKNOWN, full_name="张三")


def test_newborn_bundle_at_the_window_opens_the_cases_and_counts_one_visit(clerk, apps_wang):
    application = window.window_start(clerk=clerk, visitor=apps_wang, bundle_code="DEMO-B02")
    assert application.channel == "window" and application.applicant == apps_wang
    assert application.evidence.count() == 5  # prefilled at once
    application = services.application_confirm_evidence(application=application)
    application = services.application_save_form(application=application, data=NEWBORN_FORM,
                                                 version=application.version)

    submitted = window.window_submit(clerk=clerk, application=application, idempotency_key="w-1")
    again = window.window_submit(clerk=clerk, application=submitted, idempotency_key="w-1")

    assert again.pk == submitted.pk and submitted.status == ApplicationStatus.SUBMITTED
    cases = Case.objects.filter(application=submitted)
    assert cases.count() == 6
    assert {c.channel for c in cases} == {"window"}
    assert selectors.visit_count(submitted) == 1
    visit = Visit.objects.get(application=submitted)
    assert visit.purpose == "submit" and visit.clerk == clerk and visit.visitor == apps_wang


def test_originals_seen_at_the_window_count_as_provided(clerk, apps_wang):
    application = window.window_start(clerk=clerk, visitor=apps_wang, matter_code="DEMO-M09")  # divorce
    states = {s.requirement.key: s for s in selectors.application_state(application=application)}
    assert states["结婚证原件（登记时收回）"].state == "to_do"  # at the window it must be checked first
    assert states["离婚协议书"].state == "to_do"

    application = window.window_record_originals(clerk=clerk, application=application,
                                                 checked_keys=["结婚证原件（登记时收回）", "离婚协议书"])

    states = {s.requirement.key: s for s in selectors.application_state(application=application)}
    assert (states["结婚证原件（登记时收回）"].state, states["结婚证原件（登记时收回）"].how) == ("done", "window")
    assert (states["离婚协议书"].state, states["离婚协议书"].how) == ("done", "window")
    visit = window.window_record_visit(clerk=clerk, application=application, purpose="consult", note="带齐原件")
    assert {o["key"]: o["checked"] for o in visit.originals} == {"离婚协议书": True, "结婚证原件（登记时收回）": True}
    with pytest.raises(ValidationFailed):
        window.window_record_originals(clerk=clerk, application=application, checked_keys=["户口本"])


def test_an_online_original_still_waits_for_the_window(apps_wang):
    application = services.application_start(applicant=apps_wang, matter_code="DEMO-M09")
    states = {s.requirement.key: s for s in selectors.application_state(application=application)}
    assert states["结婚证原件（登记时收回）"].state == "at_window"


def test_a_draft_started_online_is_not_submitted_at_the_window(clerk, apps_wang):
    application = services.application_start(applicant=apps_wang, bundle_code="DEMO-B02")
    with pytest.raises(PermissionDenied):
        window.window_submit(clerk=clerk, application=application)
    assert Application.objects.get(pk=application.pk).status == ApplicationStatus.DRAFT


# The pages: what the clerk does at the counter.

def _post_form(data: dict) -> dict:
    return {k: ("on" if v is True else v) for k, v in data.items()}


def test_the_clerk_runs_the_newborn_bundle_through_the_window_pages(client, clerk, apps_wang):
    client.force_login(clerk)
    found = client.post(reverse("workbench:window_home"), {"id_number": WANG})
    assert found.status_code == 302 and found.url == reverse("workbench:window_visitor", args=[WANG])
    page = client.get(found.url, {"q": "DEMO-B02"})
    assert page.status_code == 200 and "王小明" in page.content.decode()

    started = client.post(reverse("workbench:window_start", args=[WANG]), {"kind": "bundle", "code": "DEMO-B02"})
    application = Application.objects.get(applicant=apps_wang)
    url = reverse("workbench:window_application", args=[application.reference])
    assert started.url == url and application.channel == "window"
    page = client.get(url)
    assert page.status_code == 200 and 'data-testid="window-evidence"' in page.content.decode()
    client.post(url, {"action": "confirm"})
    saved = client.post(url, {"action": "form", "version": Application.objects.get(pk=application.pk).version,
                              **_post_form(NEWBORN_FORM)})
    assert saved.status_code == 302, saved.content.decode()
    client.post(url, {"action": "submit", "idempotency_key": "window-k1"})
    client.post(url, {"action": "submit", "idempotency_key": "window-k1"})  # a double click

    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert Case.objects.filter(application=application).count() == 6
    assert set(Case.objects.filter(application=application).values_list("channel", flat=True)) == {"window"}
    assert selectors.visit_count(application) == 1
    page = client.get(url).content.decode()
    assert 'data-testid="visit-count">1<' in page and page.count('data-testid="case-row"') == 6
    client.force_login(apps_wang)
    portal = client.get(reverse("portal:application_detail", args=[application.reference])).content.decode()
    assert 'data-testid="visit-count">1<' in portal


def test_a_form_error_at_the_window_stays_on_the_page(client, clerk, apps_wang):
    application = window.window_start(clerk=clerk, visitor=apps_wang, bundle_code="DEMO-B02")
    client.force_login(clerk)
    response = client.post(reverse("workbench:window_application", args=[application.reference]),
                           {"action": "form", "version": application.version, "applicant_phone": "12"})
    assert response.status_code == 422 and 'data-testid="field-error"' in response.content.decode()


def test_an_officer_without_the_clerk_role_is_refused(client, case_officer):
    client.force_login(case_officer)
    assert client.get(reverse("workbench:window_home")).status_code == 403
    client.logout()
    response = client.get(reverse("workbench:window_home"))
    assert response.status_code == 302 and "/workbench/login/" in response.url


def test_an_invalid_id_number_gets_a_clear_error(client, clerk):
    client.force_login(clerk)
    response = client.post(reverse("workbench:window_home"), {"id_number": "330106199003071235"})
    assert response.status_code == 422 and "身份证号码校验位不正确" in response.content.decode()


def test_an_unknown_visitor_is_offered_an_account_and_registered(client, clerk):
    client.force_login(clerk)
    response = client.post(reverse("workbench:window_home"), {"id_number": UNKNOWN})
    assert "未找到该身份证号码的账号" in response.content.decode()
    registered = client.post(reverse("workbench:window_register"),
                             {"id_number": UNKNOWN, "full_name": "张三", "phone": "13800000009"})
    assert registered.status_code == 302 and registered.url == reverse("workbench:window_visitor", args=[UNKNOWN])
    assert User.objects.get(id_number=UNKNOWN).full_name == "张三"

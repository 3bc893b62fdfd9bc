"""Data-error reports (数据纠错): a citizen or a consumer reports a wrong value, the owner's data
officer corrects it in the registry (a new version) or rejects it, and the reporter hears back."""

import datetime

import pytest
from django.utils import timezone

from onevisit.core.errors import PermissionDenied, ValidationFailed
from onevisit.core.workdays import add_workdays
from onevisit.exchange import corrections
from onevisit.exchange.models import DataErrorReport, ReportStatus
from onevisit.notifications.models import Notification
from onevisit.registries.population.models import Person

from .exchange_registries import LI, WANG

pytestmark = pytest.mark.django_db(databases=["default", "registry_population"])

CITIZEN = "onevisit.accounts.backends.CitizenBackend"
STAFF = "onevisit.accounts.backends.StaffBackend"


@pytest.fixture
def wang_in_registry():
    """王小明's row in the real population registry (the owner's own system), with a wrong ethnicity."""
    return Person.objects.create(id_number=WANG, name="王小明", sex="M", birth_date=datetime.date(1990, 3, 7),
                                 ethnicity="满族")


def _report(reporter, **overrides):
    arguments = {"reporter": reporter, "item_code": "population.person", "subject": WANG, "field": "ethnicity",
                 "reported_value": "满族", "proposed_value": "汉族", "explanation": "户口簿记载为汉族"}
    arguments.update(overrides)
    return corrections.data_error_report(**arguments)


def test_a_citizens_report_about_themselves_lands_in_the_owners_queue_with_a_working_day_deadline(
        settings, citizen, exchange_catalogue, exchange_departments):
    settings.ONEVISIT_DATA_ERROR_DAYS = 5

    report = _report(citizen)

    assert report.status == ReportStatus.OPEN
    assert report.owner_department == exchange_departments["330000-PSB"]
    assert report.reporter_department is None
    assert report.due_on == add_workdays(timezone.localdate(), 5)
    queue = corrections.data_error_reports_open(department=exchange_departments["330000-PSB"])
    assert list(queue) == [report]


def test_a_citizen_cannot_report_about_someone_else(citizen, exchange_catalogue):
    with pytest.raises(PermissionDenied) as error:
        _report(citizen, subject=LI)

    assert error.value.code == "not_your_data"
    assert not DataErrorReport.objects.exists()


def test_consumer_staff_report_for_their_department(exchange_catalogue, exchange_consumer_officer, exchange_consumer):
    report = _report(exchange_consumer_officer, subject=LI, reference="APP-2026-000123")

    assert report.reporter_department == exchange_consumer
    assert report.reference == "APP-2026-000123"


def test_a_field_the_item_does_not_have_is_refused(citizen, exchange_catalogue):
    with pytest.raises(ValidationFailed) as error:
        _report(citizen, field="religion")

    assert error.value.details[0]["field"] == "field"


def test_the_owners_data_officer_corrects_in_the_registry_and_the_reporter_is_notified(
        citizen, exchange_catalogue, exchange_owner_officers, wang_in_registry):
    report = _report(citizen)
    version = wang_in_registry.version

    corrected = corrections.data_error_correct(report_id=report.pk, resolved_by=exchange_owner_officers["PSB"],
                                               note="已核实户籍档案")

    person = Person.objects.get(id_number=WANG)
    assert person.ethnicity == "汉族"
    assert person.version == version + 1
    assert corrected.status == ReportStatus.CORRECTED
    assert corrected.new_version == person.version
    assert corrected.resolved_by == exchange_owner_officers["PSB"]
    notice = Notification.objects.get(recipient=citizen)
    assert "已更正" in notice.subject and "汉族" in notice.body


def test_a_second_resolution_is_a_conflict(citizen, exchange_catalogue, exchange_owner_officers, wang_in_registry):
    report = _report(citizen)
    corrections.data_error_correct(report_id=report.pk, resolved_by=exchange_owner_officers["PSB"])

    with pytest.raises(corrections.Conflict) as error:
        corrections.data_error_reject(report_id=report.pk, resolved_by=exchange_owner_officers["PSB"], reason="重复")

    assert error.value.code == "already_resolved"
    assert Person.objects.get(id_number=WANG).version == wang_in_registry.version + 1


def test_a_value_invalid_for_the_registry_field_is_refused_and_the_report_stays_open(
        citizen, exchange_catalogue, exchange_owner_officers, wang_in_registry):
    report = _report(citizen, field="sex", reported_value="M", proposed_value="X")

    with pytest.raises(ValidationFailed):
        corrections.data_error_correct(report_id=report.pk, resolved_by=exchange_owner_officers["PSB"])

    report.refresh_from_db()
    assert report.status == ReportStatus.OPEN
    assert Person.objects.get(id_number=WANG).version == wang_in_registry.version


def test_a_rejection_needs_a_reason_and_notifies_the_reporter(citizen, exchange_catalogue, exchange_owner_officers):
    report = _report(citizen)

    with pytest.raises(ValidationFailed) as error:
        corrections.data_error_reject(report_id=report.pk, resolved_by=exchange_owner_officers["PSB"], reason=" ")
    assert error.value.details[0]["field"] == "reason"

    rejected = corrections.data_error_reject(report_id=report.pk, resolved_by=exchange_owner_officers["PSB"],
                                             reason="户籍档案记载为满族")
    assert rejected.status == ReportStatus.REJECTED
    assert rejected.resolution_reason == "户籍档案记载为满族"
    assert "户籍档案记载为满族" in Notification.objects.get(recipient=citizen).body


@pytest.mark.parametrize("who", ["consumer_data_officer", "owner_case_officer", "other_owner_data_officer"])
def test_only_the_owners_data_officer_may_resolve(who, citizen, exchange_catalogue, exchange_owner_officers,
                                                 exchange_consumer_officer, exchange_make_staff, wang_in_registry):
    from onevisit.accounts.models import StaffRole

    user = {
        "consumer_data_officer": lambda: exchange_consumer_officer,
        "owner_case_officer": lambda: exchange_make_staff("330000-PSB", "zj.psb.clerk", [StaffRole.CASE_OFFICER]),
        "other_owner_data_officer": lambda: exchange_owner_officers["CA"],
    }[who]()
    report = _report(citizen)

    with pytest.raises(PermissionDenied) as error:
        corrections.data_error_correct(report_id=report.pk, resolved_by=user)
    assert error.value.code in {"not_owner_department", "role_required"}
    with pytest.raises(PermissionDenied):
        corrections.data_error_reject(report_id=report.pk, resolved_by=user, reason="不同意")

    assert Person.objects.get(id_number=WANG).ethnicity == "满族"
    report.refresh_from_db()
    assert report.status == ReportStatus.OPEN


def test_figures_count_open_overdue_corrected_and_rejected_per_owner(
        citizen, exchange_catalogue, exchange_owner_officers, exchange_consumer_officer, exchange_departments,
        wang_in_registry):
    today = timezone.localdate()
    overdue = _report(citizen)
    DataErrorReport.objects.filter(pk=overdue.pk).update(due_on=today - datetime.timedelta(days=1),
                                                         created_at=timezone.now() - datetime.timedelta(days=10))
    _report(exchange_consumer_officer, subject=LI, field="name", reported_value="李化", proposed_value="李华")
    rejected = _report(citizen, field="name", reported_value="王小名", proposed_value="王小明")
    corrections.data_error_reject(report_id=rejected.pk, resolved_by=exchange_owner_officers["PSB"], reason="无误")
    corrected = _report(citizen, field="sex", reported_value="女", proposed_value="M")
    corrections.data_error_correct(report_id=corrected.pk, resolved_by=exchange_owner_officers["PSB"])

    [psb] = corrections.data_quality_figures()

    assert psb["department"] == exchange_departments["330000-PSB"]
    assert (psb["open"], psb["overdue"], psb["corrected"], psb["rejected"]) == (2, 1, 1, 1)
    assert psb["median_open_age_days"] == 5  # 10 days and 0 days


# --- pages -------------------------------------------------------------------------------------

def test_a_citizen_reports_from_the_portal(client, citizen, exchange_catalogue):
    client.force_login(citizen, backend=CITIZEN)
    assert "/my/data-usage/report/" in client.get("/my/data-usage/").content.decode()
    page = client.get("/my/data-usage/report/")
    assert page.status_code == 200
    assert "population.person" in page.content.decode()

    response = client.post("/my/data-usage/report/", {
        "item_code": "population.person", "field": "ethnicity", "reported_value": "满族", "proposed_value": "汉族",
        "explanation": "户口簿记载为汉族",
    })

    assert response.status_code == 302
    report = DataErrorReport.objects.get()
    assert (report.subject, report.reporter) == (WANG, citizen)
    assert "population.person" in client.get("/my/data-usage/report/").content.decode()


def test_the_portal_form_shows_a_wrong_field_as_an_error(client, citizen, exchange_catalogue):
    client.force_login(citizen, backend=CITIZEN)

    response = client.post("/my/data-usage/report/", {
        "item_code": "population.person", "field": "religion", "reported_value": "", "proposed_value": "无",
        "explanation": "x",
    })

    assert response.status_code == 200
    assert not DataErrorReport.objects.exists()


def test_consumer_staff_report_from_the_catalogue_item_page(client, exchange_catalogue, exchange_consumer_officer):
    client.force_login(exchange_consumer_officer, backend=STAFF)
    assert "/workbench/catalogue/population.person/report-error/" in client.get(
        "/workbench/catalogue/population.person/").content.decode()

    response = client.post("/workbench/catalogue/population.person/report-error/", {
        "subject": LI, "field": "name", "reported_value": "李化", "proposed_value": "李华",
        "explanation": "与户籍不符", "reference": "APP-2026-000123",
    })

    assert response.status_code == 302
    assert DataErrorReport.objects.get().reporter_department.code == "330106-PSB"


def test_the_owners_data_officer_works_the_queue(client, citizen, exchange_catalogue, exchange_owner_officers,
                                                 wang_in_registry):
    first = _report(citizen)
    second = _report(citizen, field="name", reported_value="王小名", proposed_value="王小明")
    DataErrorReport.objects.filter(pk=first.pk).update(due_on=timezone.localdate() - datetime.timedelta(days=1))
    client.force_login(exchange_owner_officers["PSB"], backend=STAFF)

    page = client.get("/workbench/corrections/").content.decode()
    assert page.count('data-testid="error-report"') == 2
    assert 'data-testid="overdue"' in page

    client.post(f"/workbench/corrections/{first.pk}/correct/", {"note": "已核实"})
    client.post(f"/workbench/corrections/{second.pk}/reject/", {"reason": "姓名无误"})

    assert Person.objects.get(id_number=WANG).ethnicity == "汉族"
    assert DataErrorReport.objects.get(pk=second.pk).status == ReportStatus.REJECTED
    assert 'data-testid="error-report"' not in client.get("/workbench/corrections/").content.decode()


def test_a_rejection_without_reason_in_the_workbench_keeps_the_report_open(client, citizen, exchange_catalogue,
                                                                           exchange_owner_officers):
    report = _report(citizen)
    client.force_login(exchange_owner_officers["PSB"], backend=STAFF)

    response = client.post(f"/workbench/corrections/{report.pk}/reject/", {"reason": ""}, follow=True)

    assert response.status_code == 200
    assert DataErrorReport.objects.get(pk=report.pk).status == ReportStatus.OPEN

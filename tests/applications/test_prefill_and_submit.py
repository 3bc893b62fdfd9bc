"""Prefill through the gateway (evidence preview, access log), a registry outage (pending, the
retry job attaches it), idempotent submission and the material summary."""

import socket
import threading

import pytest
from django.db import connection

from onevisit.applications import services
from onevisit.applications.errors import IdempotencyKeyReused, IncompleteApplication
from onevisit.applications.models import Application, ApplicationMatter, Evidence, EvidenceStatus
from onevisit.applications.services.prefill import MAX_FETCH_ATTEMPTS
from onevisit.applications.tasks import evidence_fetch
from onevisit.exchange import errors as exchange_errors
from onevisit.exchange.models import AccessLog
from onevisit.jobs.models import Job
from onevisit.notifications.models import Notification

from .conftest import APPS_DATABASES, WANG

pytestmark = pytest.mark.django_db(databases=APPS_DATABASES)

M01_FORM = {"baby_name": "王小宝", "follow_parent": "随父", "ethnicity": "汉族", "applicant_phone": "13800000001"}


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _population_down(settings, monkeypatch):
    monkeypatch.setenv("APPS_TEST_SECRET", "s3cret")
    settings.ONEVISIT_PROVIDERS = {**settings.ONEVISIT_PROVIDERS, "population": {
        "transport": "http", "base_url": f"http://127.0.0.1:{_closed_port()}/registries/population/",
        "client_id": "platform", "client_secret_env": "APPS_TEST_SECRET", "timeout": 2}}


def test_the_preview_shows_masked_data_its_source_and_time_and_the_log_names_the_application(apps_wang):
    application = services.application_start(applicant=apps_wang, matter_code="DEMO-M01")

    evidence = {e.requirement_key: e for e in services.application_prefill(application=application)}

    hukou = evidence["population.hukou"]
    assert hukou.status == EvidenceStatus.FETCHED
    assert (hukou.source, hukou.department) == ("population", "浙江省公安厅")
    assert hukou.display[0]["address"] != hukou.data[0]["data"]["address"]  # masked for screens
    assert "****" in hukou.display[0]["address"]
    assert len(hukou.content_hash) == 64
    log = AccessLog.objects.get(pk=hukou.access_log_id)
    assert (log.reference, log.subject, log.purpose, log.outcome) == (application.reference, WANG, "DEMO-M01",
                                                                       "allowed")
    assert log.consumer.code == "330106-PSB" and log.acting_user == apps_wang
    # 出生医学证明 is a certificate material: the parent's wallet certificate, not a registry fetch.
    assert set(evidence) == {"birth_medical", "population.hukou", "marriage.status"}
    assert (evidence["birth_medical"].source, evidence["birth_medical"].status) == ("wallet", EvidenceStatus.FETCHED)

    calls = AccessLog.objects.count()
    services.application_prefill(application=application)  # again: nothing fetched twice
    assert AccessLog.objects.count() == calls


def test_with_the_population_registry_down_the_applicant_goes_on_and_the_job_attaches_it_later(
        apps_wang, settings, monkeypatch):
    providers = dict(settings.ONEVISIT_PROVIDERS)
    _population_down(settings, monkeypatch)
    application = services.application_start(applicant=apps_wang, matter_code="DEMO-M01")

    evidence = {e.requirement_key: e for e in services.application_prefill(application=application)}

    hukou = evidence["population.hukou"]
    assert (hukou.status, hukou.last_error_code) == (EvidenceStatus.PENDING, "provider_unavailable")
    assert evidence["marriage.status"].status == EvidenceStatus.FETCHED
    job = Job.objects.get(task_name="applications.evidence_fetch")
    assert job.kwargs == {"evidence_id": hukou.pk}
    assert Notification.objects.filter(recipient=apps_wang, subject="共享数据稍后获取").exists()
    # The applicant goes on: confirms, fills in, submits; the pending evidence counts.
    services.application_confirm_evidence(application=application)
    application.refresh_from_db()
    application = services.application_save_form(application=application, data=M01_FORM, version=application.version)
    submitted = services.application_submit(application=application, idempotency_key="k1")
    assert submitted.material_summary["pending"] == ["population.hukou"]

    with pytest.raises(exchange_errors.ProviderFailed):  # still down: the job is retried with backoff
        evidence_fetch(evidence_id=hukou.pk)
    settings.ONEVISIT_PROVIDERS = providers  # the registry is back
    assert evidence_fetch(evidence_id=hukou.pk) == EvidenceStatus.FETCHED

    hukou.refresh_from_db()
    assert hukou.status == EvidenceStatus.FETCHED and hukou.attempts == 3
    assert hukou.data[0]["data"]["household_number"]
    assert AccessLog.objects.get(pk=hukou.access_log_id).reference == application.reference
    assert Notification.objects.filter(recipient=apps_wang, subject="共享数据已获取").exists()


def test_after_the_last_attempt_the_evidence_fails_the_applicant_is_told_and_must_upload(
        apps_wang, settings, monkeypatch):
    _population_down(settings, monkeypatch)
    application = services.application_start(applicant=apps_wang, matter_code="DEMO-M01")
    services.application_prefill(application=application)
    hukou = Evidence.objects.get(application=application, requirement_key="population.hukou")

    for _attempt in range(MAX_FETCH_ATTEMPTS - 2):
        with pytest.raises(exchange_errors.ProviderFailed):
            evidence_fetch(evidence_id=hukou.pk)
    assert evidence_fetch(evidence_id=hukou.pk) == EvidenceStatus.FAILED

    assert Notification.objects.filter(recipient=apps_wang, subject="共享数据获取失败").exists()
    from onevisit.applications.selectors import application_requirements

    kinds = {r.key: r.kind for r in application_requirements(application=application)}
    assert kinds["population.hukou"] == "upload"


def test_without_a_grant_the_requirement_becomes_an_upload(apps_wang):
    from onevisit.exchange.models import AccessGrant

    AccessGrant.objects.filter(item__code="marriage.status", purpose="DEMO-M01").delete()
    application = services.application_start(applicant=apps_wang, matter_code="DEMO-M01")

    evidence = {e.requirement_key: e for e in services.application_prefill(application=application)}

    assert (evidence["marriage.status"].status, evidence["marriage.status"].last_error_code) == (
        EvidenceStatus.REFUSED, "grant_missing")
    from onevisit.applications.selectors import application_requirements

    assert {r.key: r.kind for r in application_requirements(application=application)}["marriage.status"] == "upload"


def _ready_m01(applicant) -> Application:
    application = services.application_start(applicant=applicant, matter_code="DEMO-M01")
    services.application_prefill(application=application)
    application = services.application_confirm_evidence(application=application)
    return services.application_save_form(application=application, data=M01_FORM, version=application.version)


def test_submit_refuses_an_incomplete_application_naming_what_is_left(apps_wang):
    application = services.application_start(applicant=apps_wang, matter_code="DEMO-M01")

    with pytest.raises(IncompleteApplication) as error:
        services.application_submit(application=application, idempotency_key="k")

    fields = {d["field"] for d in error.value.details}
    assert {"baby_name", "population.hukou", "evidence"} <= fields
    assert Application.objects.get(pk=application.pk).status == "draft"


def test_the_same_key_twice_makes_one_submission(apps_wang):
    application = _ready_m01(apps_wang)

    first = services.application_submit(application=application, idempotency_key="click-1")
    second = services.application_submit(application=application, idempotency_key="click-1")
    third = services.application_submit(application=application, idempotency_key="click-2")

    assert first.pk == second.pk == third.pk
    assert second.submitted_at == first.submitted_at
    assert ApplicationMatter.objects.filter(application=first).count() == 1
    assert Notification.objects.filter(recipient=apps_wang, subject="申请已提交").count() == 1
    summary = first.material_summary
    assert summary["counts"]["fetched"] == 3 and summary["counts"]["form"] == 4
    assert summary["counts"]["required"] == 7
    other = _ready_m01(apps_wang)
    with pytest.raises(IdempotencyKeyReused):
        services.application_submit(application=other, idempotency_key="click-1")


@pytest.mark.django_db(transaction=True, databases=APPS_DATABASES)
def test_two_concurrent_submits_make_one_submission(apps_wang, access_log_flushable):
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers: PostgreSQL (SQLite's in-memory test database is one connection)")
    application = _ready_m01(apps_wang)
    results, failures = [], []

    def submit():
        try:
            results.append(services.application_submit(application=application, idempotency_key="race").pk)
        except Exception as exc:  # noqa: BLE001 - reported below
            failures.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert not failures and set(results) == {application.pk}
    assert ApplicationMatter.objects.filter(application=application).count() == 1
    assert Notification.objects.filter(recipient=apps_wang, subject="申请已提交").count() == 1

"""The operator commands: `onevisit worker --burst / --sweep` and `onevisit jobs`."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from jobs.sample_tasks import always_fail, append_line
from onevisit.jobs.models import Job, JobStatus
from onevisit.jobs.services import job_enqueue, job_run


def run(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out, stderr=out)
    return out.getvalue()


def test_worker_burst_runs_what_is_due_and_exits(db, tmp_path):
    for line in ("a", "b"):
        append_line.enqueue(path=str(tmp_path / "out"), line=line)

    assert "ran 2 job(s)" in run("worker", "--burst", "--no-periodic")
    assert (tmp_path / "out").read_text() == "a\nb\n"


def test_worker_sweep_in_the_database_backend_only_enqueues_periodic_jobs(db):
    assert "republished to the broker: 0" in run("worker", "--sweep")
    assert Job.objects.filter(task_name="accounts.purge_expired_codes", status=JobStatus.QUEUED).count() == 1


def test_the_long_running_worker_refuses_to_start_in_the_celery_backend(db, settings):
    settings.ONEVISIT_TASK_BACKEND = "celery"

    with pytest.raises(CommandError, match="celery -A onevisit.celery worker"):
        run("worker")


def test_jobs_command_lists_failed_jobs_and_requeues_them(db):
    job = job_enqueue(task=always_fail, kwargs={"reason": "provider down"}, max_attempts=1)
    job_run(worker_id="w1")

    listing = run("jobs", "list", "--status", "failed")
    requeued = run("jobs", "requeue", "--all-failed")

    assert f"{job.pk}\tfailed\ttests.always_fail\t1/1" in listing
    assert "RuntimeError: provider down" in listing
    assert f"{job.pk}: requeued" in requeued
    job.refresh_from_db()
    assert job.status == JobStatus.QUEUED

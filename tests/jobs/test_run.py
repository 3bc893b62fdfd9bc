"""Running jobs: once on success; on failure retried with growing backoff, every attempt recorded,
and finally marked failed, logged, and kept until someone requeues it."""

import datetime
import logging

import pytest
from django.db import transaction
from django.utils import timezone

from jobs.sample_tasks import always_fail, append_line
from onevisit.core.errors import NotFound
from onevisit.jobs.errors import JobNotRequeueable
from onevisit.jobs.models import AttemptOutcome, Job, JobAttempt, JobStatus
from onevisit.jobs.services import job_claim, job_enqueue, job_requeue, job_run


def make_due(job: Job) -> None:
    """Skip the backoff wait: the test is about what is recorded, not about the clock."""
    Job.objects.filter(pk=job.pk).update(run_after=timezone.now())


@pytest.mark.django_db(transaction=True)
def test_a_committed_job_runs_once(tmp_path):
    out = tmp_path / "out"
    with transaction.atomic():
        job = append_line.enqueue(path=str(out), line="hello")

    ran = job_run(worker_id="w1")
    again = job_run(worker_id="w2")

    assert ran.pk == job.pk
    assert again is None
    assert out.read_text() == "hello\n"
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED
    assert job.attempts == 1
    assert job.finished_at is not None
    assert (job.locked_by, job.locked_until) == ("", None)
    attempt = JobAttempt.objects.get(job=job)
    assert (attempt.number, attempt.worker_id, attempt.outcome) == (1, "w1", AttemptOutcome.SUCCEEDED)


def test_a_job_is_not_run_before_run_after(db, tmp_path):
    append_line.enqueue(path=str(tmp_path / "out"), line="later")
    Job.objects.update(run_after=timezone.now() + datetime.timedelta(minutes=1))

    assert job_run(worker_id="w1") is None
    assert not (tmp_path / "out").exists()


def test_a_failing_job_is_retried_with_growing_backoff_then_fails_with_every_attempt_recorded(db, caplog):
    job = always_fail.enqueue(reason="provider down")
    delays = []

    for attempt in range(1, always_fail.max_attempts + 1):
        ran = job_run(worker_id="w1")
        assert ran.pk == job.pk
        assert ran.attempts == attempt
        if attempt < always_fail.max_attempts:
            assert ran.status == JobStatus.QUEUED
            finished = JobAttempt.objects.get(job=job, number=attempt).finished_at
            delays.append((ran.run_after - finished).total_seconds())
            assert job_run(worker_id="w1") is None  # waits out the backoff
            make_due(ran)

    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert job.attempts == job.max_attempts == 4
    assert job.last_error == "RuntimeError: provider down"
    # Exponential from backoff_seconds=10, with up to 25 % jitter on top.
    for attempt, delay in enumerate(delays, start=1):
        base = 10 * 2 ** (attempt - 1)
        assert base <= delay <= base * 1.25 + 0.1
    assert delays == sorted(delays) and len(set(delays)) == len(delays)
    attempts = list(JobAttempt.objects.filter(job=job).order_by("number"))
    assert [a.number for a in attempts] == [1, 2, 3, 4]
    assert {a.outcome for a in attempts} == {AttemptOutcome.FAILED}
    assert all("RuntimeError: provider down" in a.error and "Traceback" in a.error for a in attempts)
    dead = [r for r in caplog.records if r.levelno == logging.ERROR and r.name == "onevisit.jobs"]
    assert len(dead) == 1 and f"job {job.pk}" in dead[0].getMessage()
    assert job_run(worker_id="w1") is None  # dead jobs are kept, not run


def test_a_job_whose_task_is_not_deployed_here_is_retried_not_dropped(db):
    job = Job.objects.create(task_name="tests.from_a_newer_release", kwargs={})

    ran = job_run(worker_id="old-worker")

    assert ran.pk == job.pk
    assert ran.status == JobStatus.QUEUED
    assert ran.run_after > timezone.now()
    assert "UnknownTask" in ran.last_error


def test_a_running_job_with_a_live_lease_is_not_taken_by_another_worker(db, tmp_path):
    append_line.enqueue(path=str(tmp_path / "out"), line="x")

    held = job_claim(worker_id="w1", lease_seconds=60)

    assert held.status == JobStatus.RUNNING and held.locked_by == "w1"
    assert job_claim(worker_id="w2") is None


def test_a_job_whose_lease_expired_is_taken_over_and_the_lost_attempt_recorded(db, tmp_path):
    job = append_line.enqueue(path=str(tmp_path / "out"), line="x")
    job_claim(worker_id="crashed", lease_seconds=60)
    Job.objects.filter(pk=job.pk).update(locked_until=timezone.now() - datetime.timedelta(seconds=1))

    ran = job_run(worker_id="w2")

    assert ran.status == JobStatus.SUCCEEDED and ran.attempts == 2
    outcomes = list(JobAttempt.objects.filter(job=job).order_by("number").values_list("worker_id", "outcome"))
    assert outcomes == [("crashed", AttemptOutcome.LOST), ("w2", AttemptOutcome.SUCCEEDED)]


def test_a_worker_dying_on_the_last_attempt_fails_the_job(db, tmp_path):
    job = job_enqueue(task=append_line, kwargs={"path": str(tmp_path / "out"), "line": "x"}, max_attempts=1)
    job_claim(worker_id="crashed", lease_seconds=60)
    Job.objects.filter(pk=job.pk).update(locked_until=timezone.now() - datetime.timedelta(seconds=1))

    assert job_run(worker_id="w2") is None

    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert "crashed" in job.last_error
    assert JobAttempt.objects.get(job=job).outcome == AttemptOutcome.LOST


def test_requeue_gives_a_failed_job_a_fresh_round_and_keeps_its_history(db):
    job = job_enqueue(task=always_fail, kwargs={"reason": "x"}, max_attempts=1)
    job_run(worker_id="w1")

    requeued = job_requeue(job_id=job.pk, requeued_by="ops")

    assert requeued.status == JobStatus.QUEUED
    assert requeued.max_attempts == 1 + always_fail.max_attempts
    assert requeued.run_after <= timezone.now()
    ran = job_run(worker_id="w1")
    assert ran.attempts == 2
    assert list(JobAttempt.objects.filter(job=job).values_list("number", flat=True)) == [1, 2]


def test_only_failed_jobs_can_be_requeued(db, tmp_path):
    job = append_line.enqueue(path=str(tmp_path / "out"), line="x")

    with pytest.raises(JobNotRequeueable):
        job_requeue(job_id=job.pk)
    with pytest.raises(NotFound):
        job_requeue(job_id=job.pk + 1000)

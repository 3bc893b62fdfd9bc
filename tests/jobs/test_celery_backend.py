"""The Celery backend against a real broker (RabbitMQ and Redis) and a real `celery worker`
process: the same Job rows, the same executor, messages that carry only a job id."""

import pytest
from django.db import transaction
from django.utils import timezone

from jobs.conftest import DEAD_BROKERS, celery_app_pointed_at
from jobs.helpers import wait_for
from jobs.sample_tasks import always_fail_quickly, append_line
from onevisit.jobs.models import AttemptOutcome, Job, JobAttempt, JobStatus
from onevisit.jobs.selectors import queue_health
from onevisit.jobs.services import job_sweep

pytestmark = [pytest.mark.broker, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def celery_backend(settings, celery_worker):
    settings.ONEVISIT_TASK_BACKEND = "celery"
    return celery_worker


def finished(job: Job, worker) -> Job:
    def done():
        job.refresh_from_db()
        return job.status in (JobStatus.SUCCEEDED, JobStatus.FAILED)

    wait_for(done, timeout=30, what=f"job {job.pk} to finish\n{worker.log.read_text(errors='replace')[-3000:]}")
    return job


def test_a_committed_job_is_published_and_run_once_by_a_celery_worker(celery_worker, tmp_path):
    out = tmp_path / "out"
    with transaction.atomic():
        job = append_line.enqueue(path=str(out), line="via-broker")

    finished(job, celery_worker)

    assert job.status == JobStatus.SUCCEEDED
    assert job.published_at is not None
    assert out.read_text() == "via-broker\n"
    attempt = JobAttempt.objects.get(job=job)
    assert attempt.outcome == AttemptOutcome.SUCCEEDED
    assert attempt.worker_id.startswith("celery@")


def test_a_failing_job_is_republished_with_backoff_until_it_fails_with_every_attempt_recorded(celery_worker):
    job = always_fail_quickly.enqueue(reason="provider down")

    finished(job, celery_worker)

    assert job.status == JobStatus.FAILED
    assert job.attempts == always_fail_quickly.max_attempts
    attempts = list(JobAttempt.objects.filter(job=job).order_by("number"))
    assert [(a.number, a.outcome) for a in attempts] == [(n, AttemptOutcome.FAILED) for n in (1, 2, 3)]
    # Each retry waited out its backoff (0.1 s, then 0.2 s, plus jitter) before it started.
    assert (attempts[1].started_at - attempts[0].finished_at).total_seconds() >= 0.1
    assert (attempts[2].started_at - attempts[1].finished_at).total_seconds() >= 0.2


def test_a_job_whose_publish_failed_is_kept_and_republished_by_the_sweep(celery_worker, tmp_path):
    out = tmp_path / "out"
    with celery_app_pointed_at(DEAD_BROKERS[celery_worker.broker], celery_worker.queue):
        job = append_line.enqueue(path=str(out), line="late-but-not-lost")

    job.refresh_from_db()
    assert (job.status, job.published_at) == (JobStatus.QUEUED, None)

    assert job_sweep() == 1

    finished(job, celery_worker)
    assert job.status == JobStatus.SUCCEEDED
    assert out.read_text() == "late-but-not-lost\n"
    assert job_sweep(now=timezone.now()) == 0


def test_queue_health_is_ok_when_the_broker_answers(celery_worker):
    assert queue_health() == (True, "ok")

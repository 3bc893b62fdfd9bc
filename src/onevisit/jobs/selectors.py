"""Reads for background jobs: what is queued, what failed, and whether the queue can take work."""

import datetime

from django.db import DatabaseError
from django.db.models import QuerySet
from django.utils import timezone

from onevisit.jobs.dispatch import broker_health, celery_enabled
from onevisit.jobs.models import Job, JobAttempt, JobStatus


def jobs_list(*, status: str | None = None, task_name: str | None = None) -> QuerySet[Job]:
    jobs = Job.objects.all()
    if status:
        jobs = jobs.filter(status=status)
    if task_name:
        jobs = jobs.filter(task_name=task_name)
    return jobs


def jobs_failed() -> QuerySet[Job]:
    """Dead jobs: every attempt failed. They stay until someone requeues them."""
    return jobs_list(status=JobStatus.FAILED)


def jobs_due_count() -> int:
    return Job.objects.filter(status=JobStatus.QUEUED, run_after__lte=timezone.now()).count()


def job_due_at(*, job_id: int) -> datetime.datetime | None:
    """When a queued job that is not yet due becomes due; None in every other case."""
    return (
        Job.objects.filter(pk=job_id, status=JobStatus.QUEUED, run_after__gt=timezone.now())
        .values_list("run_after", flat=True)
        .first()
    )


def job_attempts(*, job_id: int) -> QuerySet[JobAttempt]:
    return JobAttempt.objects.filter(job_id=job_id).order_by("number")


def queue_health() -> tuple[bool, str]:
    """Whether background work can be accepted: (ok, detail for /readyz).

    Database backend: the jobs table answers. Celery backend: the broker accepts a connection
    within a short timeout (the jobs table lives in the database, which /readyz checks anyway).
    """
    if celery_enabled():
        return broker_health(timeout=2.0)
    try:
        Job.objects.order_by().values_list("pk", flat=True).first()
    except DatabaseError as exc:
        return False, f"jobs table unreachable: {exc.__class__.__name__}"
    return True, "ok"

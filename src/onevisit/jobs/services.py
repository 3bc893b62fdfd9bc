"""Writes for background jobs: enqueue, claim and run, retry, requeue, periodic scheduling, sweep.

What holds in both backends (database polling and Celery):
- a job exists exactly when the transaction that enqueued it committed;
- one worker at a time holds a job, under a lease: a claim is a conditional write that only one
  worker can win (PostgreSQL also skips rows being claimed, with SKIP LOCKED);
- every attempt leaves a JobAttempt row; a failed attempt is retried with exponential backoff,
  and after the last one the job is marked failed and logged at ERROR. Nothing is deleted.
Tasks run at least once, not exactly once (see onevisit.jobs.registry).
"""

from __future__ import annotations

import datetime
import json
import logging
import traceback
from typing import Any

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from onevisit.core.errors import NotFound
from onevisit.jobs.dispatch import celery_enabled, publish, publish_on_commit
from onevisit.jobs.errors import InvalidTaskArguments, JobNotRequeueable, UnknownTask
from onevisit.jobs.lease import LeaseKeeper
from onevisit.jobs.models import AttemptOutcome, Job, JobAttempt, JobStatus
from onevisit.jobs.registry import Task, get_task, periodic_tasks

logger = logging.getLogger("onevisit.jobs")

DEFAULT_LEASE_SECONDS = 60.0
# Celery holds a message with an ETA in worker memory until it is due; beyond this horizon we
# send nothing and let the sweep publish the job when it is due (long delays, deadline sweeps).
ETA_HORIZON = datetime.timedelta(minutes=10)
# A job due this long with no message sent in this long is presumed to have lost its message.
SWEEP_GRACE = datetime.timedelta(minutes=5)
ERROR_TEXT_LIMIT = 4000
# How often one claim call looks again after losing a race for a row (SQLite has no SKIP LOCKED).
CLAIM_TRIES = 5


def default_lease_seconds() -> float:
    return float(getattr(settings, "ONEVISIT_JOB_LEASE_SECONDS", DEFAULT_LEASE_SECONDS))


# --- enqueue ------------------------------------------------------------------------------------


def job_enqueue(
    *, task: str | Task[..., Any], kwargs: dict[str, Any] | None = None, run_after: datetime.datetime | None = None,
    dedup_key: str | None = None, max_attempts: int | None = None,
) -> Job:
    """Queue one run of ``task`` with ``kwargs``, not before ``run_after`` (default: now).

    Guarantees: the Job row is written in the caller's transaction, so it exists exactly when the
    caller commits, even if the process dies right after. In the Celery backend the message is
    published after commit; a failed publish is repaired by the sweep. With ``dedup_key`` (an
    idempotency key) at most one job ever has that key: a second call returns the first job,
    whatever its state, and enqueues nothing.

    Raises UnknownTask (no task has that name) and InvalidTaskArguments (``kwargs`` do not fit
    the function's signature or are not JSON-serialisable), both before anything is written.
    """
    registered = get_task(task.name if isinstance(task, Task) else task)
    kwargs = dict(kwargs or {})
    _check_arguments(registered, kwargs)
    if dedup_key:
        existing = Job.objects.filter(dedup_key=dedup_key).first()
        if existing is not None:
            return existing
    now = timezone.now()
    job = Job(
        task_name=registered.name, kwargs=kwargs, max_attempts=max_attempts or registered.max_attempts,
        run_after=run_after or now, dedup_key=dedup_key or None, created_at=now,
    )
    if dedup_key:
        try:
            # A savepoint: losing the race for the key must not break the caller's transaction.
            with transaction.atomic():
                job.save()
        except IntegrityError:
            return Job.objects.get(dedup_key=dedup_key)
    else:
        job.save()
    _publish_when_due(job, now=now)
    return job


def _check_arguments(registered: Task[..., Any], kwargs: dict[str, Any]) -> None:
    try:
        registered.check_arguments(kwargs)
    except TypeError as exc:
        raise InvalidTaskArguments(
            _("任务 %(task)s 的参数不符：%(error)s") % {"task": registered.name, "error": exc},
            details={"task": registered.name},
        ) from exc
    try:
        # Strict JSON: what the task receives must be what the caller passed, not a lossy copy.
        json.dumps(kwargs, allow_nan=False)
    except (TypeError, ValueError) as exc:
        raise InvalidTaskArguments(
            _("任务 %(task)s 的参数无法以 JSON 保存：%(error)s") % {"task": registered.name, "error": exc},
            details={"task": registered.name},
        ) from exc


def _publish_when_due(job: Job, *, now: datetime.datetime) -> None:
    if job.run_after <= now:
        publish_on_commit(job.pk)
    elif job.run_after - now <= ETA_HORIZON:
        publish_on_commit(job.pk, eta=job.run_after)
    # Later than the horizon: the sweep publishes it once due (published_at stays empty).


def job_enqueue_periodic(*, now: datetime.datetime | None = None) -> list[Job]:
    """Make sure every periodic task has its job for the current interval.

    Intervals are aligned to the epoch and the job's dedup key names the interval, so any number
    of workers or beat processes calling this enqueue each periodic task once per interval.
    """
    now = now or timezone.now()
    jobs = []
    for periodic in periodic_tasks():
        assert periodic.every is not None
        interval = int(now.timestamp() // periodic.every.total_seconds())
        jobs.append(job_enqueue(task=periodic, dedup_key=f"periodic:{periodic.name}:{interval}"))
    return jobs


# --- claim and run ------------------------------------------------------------------------------


def _claimable(now: datetime.datetime) -> Q:
    # Due and waiting, or held under a lease that its worker stopped renewing.
    return Q(status=JobStatus.QUEUED, run_after__lte=now) | Q(status=JobStatus.RUNNING, locked_until__lt=now)


def job_claim(*, worker_id: str, job_id: int | None = None, lease_seconds: float | None = None) -> Job | None:
    """Take the next due job (or job ``job_id`` if it is due) for ``worker_id``.

    Guarantees: at most one worker wins a job; the winner holds it as RUNNING under a lease of
    ``lease_seconds``, its attempt count is raised and a JobAttempt row is open. A job whose
    previous worker let the lease expire has that attempt closed as LOST; if it was the last
    allowed attempt the job is marked failed instead of run again. Returns None when there is
    nothing to take.
    """
    lease = datetime.timedelta(seconds=lease_seconds or default_lease_seconds())
    for _try in range(CLAIM_TRIES):
        now = timezone.now()
        candidates = Job.objects.filter(_claimable(now)).order_by("run_after", "id")
        if job_id is not None:
            candidates = candidates.filter(pk=job_id)
        # Idle workers poll often; checking first keeps them from opening write transactions.
        if not candidates.exists():
            return None
        with transaction.atomic():
            if connection.features.has_select_for_update_skip_locked:
                # Rows other workers are claiming right now are skipped, not waited for.
                candidates = candidates.select_for_update(skip_locked=True)
            job = candidates.first()
            if job is None:
                return None
            if _take(job, worker_id=worker_id, now=now, lease=lease):
                return job
    return None


def _take(job: Job, *, worker_id: str, now: datetime.datetime, lease: datetime.timedelta) -> bool:
    # The conditional UPDATE is the claim itself: it only matches the row as we read it, so of
    # two workers that read the same row (SQLite has no row locks) exactly one changes it.
    # `attempts` grows with every claim and so works as a version number; `locked_until` makes a
    # lease renewed since we read it (a slow but live worker) win over our takeover.
    as_read = Job.objects.filter(
        pk=job.pk, status=job.status, attempts=job.attempts, locked_by=job.locked_by, locked_until=job.locked_until
    )
    lease_lapsed = job.status == JobStatus.RUNNING
    if job.attempts >= job.max_attempts:
        # Stored diagnostics are in English, like the tracebacks next to them.
        error = (
            f"worker {job.locked_by} stopped during the last attempt (lease expired)" if lease_lapsed
            else "no attempts left"
        )
        if as_read.update(status=JobStatus.FAILED, finished_at=now, locked_by="", locked_until=None, last_error=error):
            _close_lost_attempts(job, now=now)
            logger.error(
                "job %s (%s) failed for good after %s of %s attempts: %s",
                job.pk, job.task_name, job.attempts, job.max_attempts, error,
            )
        return False
    taken = as_read.update(
        status=JobStatus.RUNNING, attempts=job.attempts + 1, locked_by=worker_id, locked_until=now + lease,
        started_at=job.started_at or now,
    )
    if not taken:
        return False
    if lease_lapsed:
        _close_lost_attempts(job, now=now)
        logger.warning("job %s (%s): lease of %s expired, taken over by %s", job.pk, job.task_name, job.locked_by, worker_id)
    job.status, job.attempts, job.locked_by = JobStatus.RUNNING, job.attempts + 1, worker_id
    job.locked_until, job.started_at = now + lease, job.started_at or now
    JobAttempt.objects.create(job=job, number=job.attempts, worker_id=worker_id, started_at=now)
    return True


def _close_lost_attempts(job: Job, *, now: datetime.datetime) -> None:
    JobAttempt.objects.filter(job=job, outcome=AttemptOutcome.RUNNING).update(
        outcome=AttemptOutcome.LOST, finished_at=now,
        error=f"lease expired: worker {job.locked_by} stopped renewing it (killed, crashed or cut off)",
    )


def job_run(*, worker_id: str, job_id: int | None = None, lease_seconds: float | None = None) -> Job | None:
    """Claim one job (``job_id``, or the next due one) and run it: the one executor of both backends.

    Guarantees: the attempt is recorded whatever happens. Success marks the job succeeded. An
    exception marks the attempt failed with its traceback and either schedules a retry after an
    exponential backoff with jitter (republished to the broker in the Celery backend) or, after
    ``max_attempts``, marks the job failed and logs it at ERROR. The task's exception is not
    re-raised. Returns the job after the attempt, or None if nothing was claimed (not due, done,
    or held by another worker).
    """
    lease = lease_seconds or default_lease_seconds()
    job = job_claim(worker_id=worker_id, job_id=job_id, lease_seconds=lease)
    if job is None:
        return None
    try:
        registered = get_task(job.task_name)
        with LeaseKeeper(job_id=job.pk, worker_id=worker_id, lease_seconds=lease):
            registered.func(**job.kwargs)
    except Exception as exc:  # the task's failure is data to record, not a reason to stop the worker
        _record_failure(job, worker_id=worker_id, exc=exc)
    else:
        _record_success(job, worker_id=worker_id)
    job.refresh_from_db()
    return job


def _held(job: Job, worker_id: str):
    return Job.objects.filter(pk=job.pk, status=JobStatus.RUNNING, locked_by=worker_id, attempts=job.attempts)


def _record_success(job: Job, *, worker_id: str) -> None:
    now = timezone.now()
    with transaction.atomic():
        held = _held(job, worker_id).update(
            status=JobStatus.SUCCEEDED, finished_at=now, locked_by="", locked_until=None, last_error=""
        )
        JobAttempt.objects.filter(job=job, number=job.attempts).update(outcome=AttemptOutcome.SUCCEEDED, finished_at=now)
    if not held:
        logger.warning("job %s (%s) finished after %s lost its lease; it may run again", job.pk, job.task_name, worker_id)


def _record_failure(job: Job, *, worker_id: str, exc: Exception) -> None:
    now = timezone.now()
    error = f"{exc.__class__.__name__}: {exc}"[:1000]
    final = job.attempts >= job.max_attempts
    fields: dict[str, Any] = {"locked_by": "", "locked_until": None, "last_error": error, "published_at": None}
    if final:
        fields.update(status=JobStatus.FAILED, finished_at=now)
    else:
        fields.update(status=JobStatus.QUEUED, run_after=now + _retry_delay(job))
    with transaction.atomic():
        held = _held(job, worker_id).update(**fields)
        JobAttempt.objects.filter(job=job, number=job.attempts).update(
            outcome=AttemptOutcome.FAILED, finished_at=now, error=_traceback_summary(exc)
        )
    if not held:
        logger.warning("job %s (%s) failed after %s lost its lease: %s", job.pk, job.task_name, worker_id, error)
    elif final:
        logger.error(
            "job %s (%s) failed for good after %s attempts: %s", job.pk, job.task_name, job.attempts, error,
            exc_info=exc,
        )
    else:
        logger.warning(
            "job %s (%s) attempt %s of %s failed, retry at %s: %s",
            job.pk, job.task_name, job.attempts, job.max_attempts, fields["run_after"].isoformat(), error,
        )
        job.run_after = fields["run_after"]
        _publish_when_due(job, now=now)


def _retry_delay(job: Job) -> datetime.timedelta:
    try:
        policy = get_task(job.task_name)
    except UnknownTask:
        # Not deployed on this worker (yet): retry on the default policy; a newer worker knows it.
        policy = Task(name=job.task_name, func=lambda **kwargs: None)
    return policy.retry_delay(job.attempts)


def _traceback_summary(exc: BaseException) -> str:
    text = "".join(traceback.format_exception(exc))
    if len(text) > ERROR_TEXT_LIMIT:
        # The end of a traceback (innermost frames and the message) is the useful part.
        text = "…" + text[-ERROR_TEXT_LIMIT:]
    return text


# --- operations ---------------------------------------------------------------------------------


def job_requeue(*, job_id: int, requeued_by: str = "") -> Job:
    """Put a failed job back in the queue, due now, with a fresh round of attempts.

    Earlier attempts stay recorded (attempt numbers keep counting). In the Celery backend the job
    is published after commit. Raises NotFound, JobNotRequeueable (the job has not failed) and
    UnknownTask (its task is no longer registered, so it could only fail again).
    """
    now = timezone.now()
    with transaction.atomic():
        job = Job.objects.select_for_update().filter(pk=job_id).first()
        if job is None:
            raise NotFound(_("未找到该后台任务。"), details={"job": job_id})
        if job.status != JobStatus.FAILED:
            raise JobNotRequeueable(details={"job": job_id, "status": job.status})
        registered = get_task(job.task_name)
        job.status = JobStatus.QUEUED
        job.max_attempts = job.attempts + registered.max_attempts
        job.run_after = now
        job.finished_at = None
        job.published_at = None
        job.save(update_fields=["status", "max_attempts", "run_after", "finished_at", "published_at"])
        publish_on_commit(job.pk)
    logger.info("job %s (%s) requeued by %s", job.pk, job.task_name, requeued_by or "an operator")
    return job


def job_sweep(
    *, now: datetime.datetime | None = None, grace: datetime.timedelta = SWEEP_GRACE, limit: int = 500
) -> int:
    """Celery backend: republish the jobs that should be running but have no message on the way.

    That is: due jobs never published (the broker was down at commit, or the job was scheduled
    beyond the ETA horizon); jobs due for ``grace`` without a message in the last ``grace`` (lost
    by the broker); running jobs whose worker let the lease expire. Duplicate messages are harmless
    (a claim is won once). Stops at the first failed publish. Returns how many were published; 0
    in the database backend, whose workers find due jobs themselves.
    """
    if not celery_enabled():
        return 0
    now = now or timezone.now()
    stale = now - grace
    quiet = Q(published_at__isnull=True) | Q(published_at__lte=stale)
    lost = (
        Q(status=JobStatus.QUEUED, published_at__isnull=True, run_after__lte=now)
        | Q(status=JobStatus.QUEUED, run_after__lte=stale) & quiet
        | Q(status=JobStatus.RUNNING, locked_until__lt=now) & quiet
    )
    published = 0
    for job_id in Job.objects.filter(lost).order_by("run_after", "id").values_list("pk", flat=True)[:limit]:
        if not publish(job_id):
            break
        published += 1
    if published:
        logger.warning("sweep republished %s job(s) that had no message on the broker", published)
    return published

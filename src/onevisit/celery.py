"""Celery application: the production backend for background jobs (ONEVISIT_TASK_BACKEND="celery").

Why Celery: it is the most widely deployed task queue for Django, mature and maintained; it speaks
both brokers a province's operations team is likely to run (RabbitMQ over AMQP, and Redis); and it
comes with the operational tooling we would otherwise have to write: worker pools and autoscaling,
`celery inspect` / `celery control`, events and monitors such as Flower, beat for schedules, and
late acknowledgement so a message whose worker died is delivered again.

How we use it: as transport and worker pool only. The Job table stays the source of truth, as in
the database backend; a message carries nothing but a job id, and the Celery task calls the same
executor (onevisit.jobs.services.job_run). So a lost or duplicated message cannot lose or double a
job: the sweep republishes jobs without a message, and a claim is won once.

    celery -A onevisit.celery worker --loglevel=INFO     # as many as needed, on any hosts
    celery -A onevisit.celery beat                       # exactly one: periodic jobs and the sweep

Configuration comes from Django settings under the CELERY_ prefix (CELERY_BROKER_URL, ...).
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "onevisit.conf.dev")

app = Celery("onevisit")
app.config_from_object("django.conf:settings", namespace="CELERY")
# Design decisions, not tunables: they are what makes "at least once, never dropped" hold.
app.conf.update(
    # Acknowledge after the run, and give the message back if the worker process dies, so the
    # broker redelivers it; the claim in job_run turns redelivery into at most one run.
    task_acks_late=True,
    task_reject_on_worker_lost=True,
    # One message at a time per worker process: a long job does not hold others hostage.
    worker_prefetch_multiplier=1,
    # Outcomes live in the Job and JobAttempt tables; no result backend is needed.
    task_ignore_result=True,
    task_serializer="json",
    accept_content=["json"],
)
# Defaults that deployments may override with CELERY_* settings.
app.add_defaults(
    {
        "broker_connection_retry_on_startup": True,
        "beat_schedule": {
            "onevisit-jobs-tick": {"task": "onevisit.jobs.tick", "schedule": 60.0},
        },
    }
)


@app.task(name="onevisit.jobs.run")
def run_job(job_id: int) -> None:
    """Run job ``job_id`` with the shared executor; a retry is republished by the executor."""
    from onevisit.jobs.dispatch import publish, worker_id
    from onevisit.jobs.selectors import job_due_at
    from onevisit.jobs.services import job_run

    if job_run(job_id=job_id, worker_id=f"celery@{worker_id()}") is None:
        # Not claimed: done, held by another worker (a duplicate message), or not due yet. Only
        # the last needs a message later; one that arrived early (clocks differ) is sent again.
        due_at = job_due_at(job_id=job_id)
        if due_at is not None:
            publish(job_id, eta=due_at)


@app.task(name="onevisit.jobs.tick")
def tick() -> None:
    """Beat, every minute: enqueue due periodic jobs and republish jobs whose message was lost."""
    from onevisit.jobs.services import job_enqueue_periodic, job_sweep

    job_enqueue_periodic()
    job_sweep()

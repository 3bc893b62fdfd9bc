"""Periodic work, and the one real task so far: purging expired one-time codes."""

import datetime

import pytest
from django.utils import timezone

from onevisit.accounts.models import OneTimeCode
from onevisit.accounts.tasks import purge_expired_codes
from onevisit.jobs.models import Job, JobStatus
from onevisit.jobs.services import job_enqueue_periodic, job_run


def test_purge_expired_codes_deletes_only_codes_expired_more_than_a_day_ago(citizen):
    now = timezone.now()

    def code(expired_ago: datetime.timedelta) -> OneTimeCode:
        return OneTimeCode.objects.create(user=citizen, code_hash="x" * 64, expires_at=now - expired_ago)

    old = code(datetime.timedelta(days=1, minutes=1))
    recent = code(datetime.timedelta(hours=23))
    live = code(-datetime.timedelta(minutes=5))

    assert purge_expired_codes() == 1

    assert set(OneTimeCode.objects.values_list("pk", flat=True)) == {recent.pk, live.pk}
    assert not OneTimeCode.objects.filter(pk=old.pk).exists()


def test_each_periodic_task_is_enqueued_once_per_interval_however_many_workers_ask(db):
    # At the start of an hour, one second later is still the same interval for every periodic
    # task (the access-log sealer runs every 5 s): a time taken at random could cross a boundary.
    now = timezone.now().replace(minute=0, second=0, microsecond=0)

    first = job_enqueue_periodic(now=now)
    again = job_enqueue_periodic(now=now + datetime.timedelta(seconds=1))
    next_hour = job_enqueue_periodic(now=now + datetime.timedelta(hours=1))

    assert "accounts.purge_expired_codes" in {job.task_name for job in first}
    assert [job.pk for job in again] == [job.pk for job in first]
    assert not {job.pk for job in next_hour} & {job.pk for job in first}
    assert Job.objects.filter(task_name="accounts.purge_expired_codes").count() == 2


@pytest.mark.django_db
def test_the_purge_runs_as_a_job(citizen):
    OneTimeCode.objects.create(
        user=citizen, code_hash="x" * 64, expires_at=timezone.now() - datetime.timedelta(days=2)
    )
    job = purge_expired_codes.enqueue()

    assert job_run(worker_id="w1").pk == job.pk

    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED
    assert not OneTimeCode.objects.exists()

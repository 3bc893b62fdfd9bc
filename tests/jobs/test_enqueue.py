"""Enqueueing writes a Job row in the caller's transaction, or refuses before writing anything."""

import datetime

import pytest
from django.db import transaction
from django.utils import timezone

from jobs.sample_tasks import append_line
from onevisit.jobs.errors import InvalidTaskArguments, UnknownTask
from onevisit.jobs.models import Job, JobStatus
from onevisit.jobs.services import job_enqueue


class Rejected(Exception):
    """The caller's own failure, after it enqueued follow-up work."""


@pytest.mark.django_db(transaction=True)
def test_enqueue_in_a_rolled_back_transaction_leaves_no_job(tmp_path):
    with pytest.raises(Rejected), transaction.atomic():
        append_line.enqueue(path=str(tmp_path / "out"), line="never")
        raise Rejected

    assert not Job.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_enqueue_in_a_committed_transaction_leaves_one_queued_job(tmp_path):
    with transaction.atomic():
        job = append_line.enqueue(path=str(tmp_path / "out"), line="hello")

    stored = Job.objects.get()
    assert stored.pk == job.pk
    assert stored.task_name == "tests.append_line"
    assert stored.kwargs == {"path": str(tmp_path / "out"), "line": "hello"}
    assert stored.status == JobStatus.QUEUED
    assert (stored.attempts, stored.max_attempts) == (0, append_line.max_attempts)


def test_unknown_task_name_is_a_typed_error_and_writes_nothing(db):
    with pytest.raises(UnknownTask) as raised:
        job_enqueue(task="tests.no_such_task")

    assert raised.value.code == "unknown_task"
    assert raised.value.details == {"task": "tests.no_such_task"}
    assert not Job.objects.exists()


@pytest.mark.parametrize(
    "kwargs",
    [
        {"path": "out.txt"},  # missing argument
        {"path": "out.txt", "line": "a", "colour": "red"},  # unexpected argument
        {"path": "out.txt", "line": datetime.date(2024, 1, 1)},  # not JSON
        {"path": "out.txt", "line": float("nan")},  # not strict JSON
    ],
)
def test_arguments_that_do_not_fit_the_task_are_refused(db, kwargs):
    with pytest.raises(InvalidTaskArguments):
        job_enqueue(task="tests.append_line", kwargs=kwargs)

    assert not Job.objects.exists()


def test_a_dedup_key_gives_one_job_however_often_it_is_enqueued(db):
    first = job_enqueue(task=append_line, kwargs={"path": "out.txt", "line": "1"}, dedup_key="evidence:42")
    second = job_enqueue(task=append_line, kwargs={"path": "out.txt", "line": "2"}, dedup_key="evidence:42")

    assert second.pk == first.pk
    assert Job.objects.get().kwargs["line"] == "1"


def test_run_after_and_max_attempts_can_be_set_per_job(db):
    later = timezone.now() + datetime.timedelta(hours=2)

    job = job_enqueue(task=append_line, kwargs={"path": "out.txt", "line": "1"}, run_after=later, max_attempts=9)

    job.refresh_from_db()
    assert job.run_after == later
    assert job.max_attempts == 9

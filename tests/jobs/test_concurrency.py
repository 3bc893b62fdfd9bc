"""Workers running at the same time on the real database never run a job twice."""

import threading
from collections import Counter

import pytest
from django.db import connection

from jobs.helpers import wait_for
from jobs.sample_tasks import append_line, slow_on_first_run
from onevisit.jobs.models import Job, JobAttempt, JobStatus
from onevisit.jobs.services import job_claim, job_run

WORKERS = 4
JOBS = 40


@pytest.mark.django_db(transaction=True)
def test_concurrent_workers_run_every_job_exactly_once(worker_database, tmp_path):
    out = tmp_path / "runs"
    for number in range(JOBS):
        append_line.enqueue(path=str(out), line=str(number))
    start = threading.Barrier(WORKERS)
    errors: list[BaseException] = []

    def work(name: str) -> None:
        try:
            start.wait()
            # Keep going until the queue is empty: losing a race for one row is not "nothing due".
            while Job.objects.filter(status=JobStatus.QUEUED).exists():
                job_run(worker_id=name)
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()  # this thread's own connection

    threads = [threading.Thread(target=work, args=(f"w{i}",)) for i in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert not errors, errors
    runs = Counter(out.read_text().split())
    assert runs == Counter({str(number): 1 for number in range(JOBS)})
    assert set(Job.objects.values_list("status", "attempts")) == {(JobStatus.SUCCEEDED, 1)}
    assert JobAttempt.objects.count() == JOBS
    # Not a timing assertion: only that the work was actually shared.
    assert len(set(JobAttempt.objects.values_list("worker_id", flat=True))) > 1


@pytest.mark.django_db(transaction=True)
def test_a_live_worker_keeps_renewing_its_lease_so_a_long_task_is_not_taken_over(worker_database, tmp_path):
    marker = tmp_path / "marker"
    job = slow_on_first_run.enqueue(path=str(marker), seconds=1.5)

    def run_with_short_lease() -> None:
        try:
            job_run(worker_id="slow", lease_seconds=0.6)
        finally:
            connection.close()

    worker = threading.Thread(target=run_with_short_lease)
    worker.start()
    wait_for(lambda: marker.exists(), timeout=10, what="the task to start")
    stolen = []
    while worker.is_alive():
        # Well past the 0.6 s lease the job is still held: the worker renews it while it runs.
        stolen.append(job_claim(worker_id="other"))
        worker.join(timeout=0.1)

    assert stolen and not any(stolen)
    job.refresh_from_db()
    assert (job.status, job.attempts) == (JobStatus.SUCCEEDED, 1)
    assert marker.read_text().split() == ["start", "done"]

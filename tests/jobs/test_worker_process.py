"""`onevisit worker` as a process: SIGKILL loses nothing, SIGTERM finishes the job, --burst drains."""

import os
import signal
import subprocess
import sys
import time

import pytest
from django.utils import timezone

from jobs.helpers import subprocess_env, wait_for
from jobs.sample_tasks import append_line, slow_on_first_run
from onevisit.jobs.models import AttemptOutcome, Job, JobAttempt, JobStatus
from onevisit.jobs.services import job_claim

pytestmark = pytest.mark.django_db(transaction=True)

LEASE = "2"


def lines(path) -> list[str]:
    return path.read_text().split() if path.exists() else []


def test_a_sigkilled_workers_job_is_taken_over_after_the_lease_and_completes_once(
    start_worker, worker_database, tmp_path
):
    marker = tmp_path / "marker"
    job = slow_on_first_run.enqueue(path=str(marker), seconds=60)
    first = start_worker("--lease", LEASE, "--poll", "0.1")
    wait_for(lambda: lines(marker) == ["start"], timeout=30, what=f"the job to start\n{first.output()}")

    os.kill(first.process.pid, signal.SIGKILL)
    first.process.wait(timeout=10)

    job.refresh_from_db()
    assert (job.status, job.attempts) == (JobStatus.RUNNING, 1)
    assert job_claim(worker_id="too-early") is None  # the lease still holds
    time.sleep(max(0.0, (job.locked_until - timezone.now()).total_seconds()) + 0.2)
    second = subprocess.run(
        [sys.executable, "-m", "onevisit", "worker", "--burst", "--no-periodic", "--lease", LEASE,
         "--import", "jobs.sample_tasks"],
        env=subprocess_env(worker_database), capture_output=True, text=True, timeout=60,
    )

    assert second.returncode == 0, second.stderr
    assert "ran 1 job(s)" in second.stdout
    job.refresh_from_db()
    assert (job.status, job.attempts) == (JobStatus.SUCCEEDED, 2)
    assert list(JobAttempt.objects.filter(job=job).order_by("number").values_list("outcome", flat=True)) == [
        AttemptOutcome.LOST, AttemptOutcome.SUCCEEDED,
    ]
    assert lines(marker) == ["start", "start", "done"]


def test_sigterm_lets_the_current_job_finish_then_stops_the_worker(start_worker, tmp_path):
    marker = tmp_path / "marker"
    job = slow_on_first_run.enqueue(path=str(marker), seconds=1.5)
    worker = start_worker("--poll", "0.1")
    wait_for(lambda: lines(marker) == ["start"], timeout=30, what=f"the job to start\n{worker.output()}")

    worker.process.send_signal(signal.SIGTERM)

    assert worker.process.wait(timeout=15) == 0, worker.output()
    job.refresh_from_db()
    assert (job.status, job.attempts) == (JobStatus.SUCCEEDED, 1)
    assert lines(marker) == ["start", "done"]


def test_a_long_running_worker_picks_up_jobs_committed_while_it_polls(start_worker, tmp_path):
    worker = start_worker("--poll", "0.1")
    out = tmp_path / "out"

    for line in ("one", "two"):
        append_line.enqueue(path=str(out), line=line)

    wait_for(lambda: lines(out) == ["one", "two"], timeout=30, what=f"both jobs to run\n{worker.output()}")
    wait_for(
        lambda: not Job.objects.exclude(status=JobStatus.SUCCEEDED).exists(), timeout=10, what="the jobs to be recorded"
    )

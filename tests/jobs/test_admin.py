"""Operators see jobs and their attempts in the admin and requeue failed ones."""

from jobs.sample_tasks import always_fail
from onevisit.jobs.models import Job, JobStatus
from onevisit.jobs.services import job_enqueue, job_run


def test_admin_lists_jobs_and_shows_a_job_with_its_attempts(admin_client):
    job = job_enqueue(task=always_fail, kwargs={"reason": "provider down"}, max_attempts=1)
    job_run(worker_id="w1")

    listing = admin_client.get("/admin/jobs/job/")
    detail = admin_client.get(f"/admin/jobs/job/{job.pk}/change/")

    assert listing.status_code == 200 and "tests.always_fail" in listing.text
    assert detail.status_code == 200 and "RuntimeError: provider down" in detail.text


def test_the_requeue_action_puts_failed_jobs_back_in_the_queue(admin_client):
    failed = job_enqueue(task=always_fail, kwargs={"reason": "x"}, max_attempts=1)
    job_run(worker_id="w1")
    queued = job_enqueue(task=always_fail, kwargs={"reason": "y"})

    response = admin_client.post(
        "/admin/jobs/job/", {"action": "requeue", "_selected_action": [failed.pk, queued.pk]}, follow=True
    )

    assert response.status_code == 200
    failed.refresh_from_db()
    assert failed.status == JobStatus.QUEUED
    assert Job.objects.get(pk=queued.pk).status == JobStatus.QUEUED
    messages = [str(m) for m in response.context["messages"]]
    assert any("已重新排队 1 个任务" in m for m in messages)
    assert any(f"#{queued.pk}" in m for m in messages)

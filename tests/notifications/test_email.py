"""Email goes out over SMTP to a real server; failures are recorded and retried with backoff."""

import datetime

from django.utils import timezone

from onevisit.jobs.models import JobStatus
from onevisit.jobs.services import job_run
from onevisit.notifications.models import AttemptOutcome, Channel, DeliveryStatus
from onevisit.notifications.services import notification_send
from onevisit.notifications.tasks import deliver

from .conftest import delivery_job, make_due

SUBJECT = "您的申请已受理"
BODY = "张桂英您好：您的出生“一件事”申请（APP-20261122-7KQ2M9）已受理，办理结果将通过短信和站内消息告知。"


def send_email(recipient):
    return notification_send(recipient=recipient, channel=Channel.EMAIL, subject=SUBJECT, body=BODY)


def test_an_email_reaches_the_smtp_server_with_recipient_subject_and_chinese_body(
    running_smtp_server, resident_with_email
):
    notification = send_email(resident_with_email)

    job = job_run(worker_id="w1", job_id=delivery_job(notification).pk)

    assert job.status == JobStatus.SUCCEEDED
    [(mail_from, rcpt_tos, message)] = running_smtp_server.mailbox.messages
    assert mail_from == "noreply@onevisit.example"
    assert rcpt_tos == ["zhang.guiying@example.cn"]
    assert message["To"] == "zhang.guiying@example.cn"
    assert message["Subject"] == SUBJECT
    assert message.get_content_charset() == "utf-8"
    assert message.get_content().strip() == BODY
    notification.refresh_from_db()
    assert notification.status == DeliveryStatus.DELIVERED
    assert notification.delivered_at is not None
    [attempt] = notification.delivery_attempts.all()
    assert (attempt.number, attempt.channel, attempt.outcome) == (1, Channel.EMAIL, AttemptOutcome.OK)
    assert attempt.provider == "onevisit.notifications.providers.email.SmtpEmailProvider"
    assert attempt.provider_message_id == message["Message-ID"]
    assert attempt.started_at <= attempt.finished_at


def test_mail_server_down_is_recorded_and_retried_with_backoff_then_delivered_when_it_is_back(
    smtp_server, resident_with_email
):
    notification = send_email(resident_with_email)
    job = delivery_job(notification)

    before = timezone.now()
    job = job_run(worker_id="w1", job_id=job.pk)

    assert job.status == JobStatus.QUEUED  # to be retried ...
    assert job.run_after >= before + datetime.timedelta(seconds=30)  # ... after the backoff
    notification.refresh_from_db()
    assert notification.status == DeliveryStatus.PENDING
    assert "ConnectionRefusedError" in notification.last_error
    [failed] = notification.delivery_attempts.all()
    assert failed.outcome == AttemptOutcome.FAILED
    assert "ConnectionRefusedError" in failed.error
    assert failed.finished_at is not None
    assert failed.provider_message_id == ""
    assert job_run(worker_id="w1", job_id=job.pk) is None  # not due before the backoff has passed

    smtp_server.start()
    make_due(job)
    job = job_run(worker_id="w1", job_id=job.pk)

    assert job.status == JobStatus.SUCCEEDED
    assert len(smtp_server.mailbox.messages) == 1
    notification.refresh_from_db()
    assert notification.status == DeliveryStatus.DELIVERED
    assert [(a.number, a.outcome) for a in notification.delivery_attempts.all()] == [
        (1, AttemptOutcome.FAILED), (2, AttemptOutcome.OK)
    ]


def test_after_the_last_attempt_the_notification_is_marked_failed(settings, smtp_server, resident_with_email, caplog):
    settings.ONEVISIT_NOTIFICATION_MAX_ATTEMPTS = 2
    notification = send_email(resident_with_email)
    job = delivery_job(notification)

    job_run(worker_id="w1", job_id=job.pk)
    make_due(job)
    job = job_run(worker_id="w1", job_id=job.pk)

    notification.refresh_from_db()
    assert notification.status == DeliveryStatus.FAILED
    assert notification.failed_at is not None
    assert notification.delivery_attempts.filter(outcome=AttemptOutcome.FAILED).count() == 2
    assert job.status == JobStatus.SUCCEEDED  # the job did its work: it settled the notification
    assert f"notification {notification.pk} (email) failed for good after 2 attempt(s)" in caplog.text


def test_a_recipient_without_an_email_address_fails_at_once_without_retries(running_smtp_server, resident):
    notification = send_email(resident)

    job = job_run(worker_id="w1", job_id=delivery_job(notification).pk)

    assert job.status == JobStatus.SUCCEEDED
    notification.refresh_from_db()
    assert notification.status == DeliveryStatus.FAILED
    assert "no address" in notification.delivery_attempts.get().error
    assert running_smtp_server.mailbox.messages == []


def test_a_delivery_run_twice_sends_once(running_smtp_server, resident_with_email):
    notification = send_email(resident_with_email)
    job_run(worker_id="w1", job_id=delivery_job(notification).pk)

    # Tasks run at least once: the same job run again (a worker died before recording the
    # job's success) must not send again after the delivery's success was recorded.
    assert deliver(notification_id=notification.pk) == DeliveryStatus.DELIVERED
    assert job_run(worker_id="w2", job_id=delivery_job(notification).pk) is None

    assert len(running_smtp_server.mailbox.messages) == 1
    assert notification.delivery_attempts.count() == 1

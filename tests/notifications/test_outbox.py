"""The outbox: a message exists, and is sent, exactly when the caller's change commits."""

import logging

import pytest
from django.db import transaction

from onevisit.jobs.models import Job, JobStatus
from onevisit.jobs.services import job_run
from onevisit.notifications.models import AttemptOutcome, Channel, DeliveryStatus, Notification
from onevisit.notifications.services import notification_retry, notification_send

from .conftest import delivery_job


class BusinessRuleBroken(Exception):
    pass


@pytest.mark.parametrize("channel", [Channel.INAPP, Channel.CONSOLE, Channel.EMAIL, Channel.SMS])
def test_nothing_is_stored_or_queued_when_the_callers_transaction_rolls_back(resident, channel):
    with pytest.raises(BusinessRuleBroken), transaction.atomic():
        notification_send(recipient=resident, channel=channel, subject="申请已提交", body="您的申请已提交。")
        raise BusinessRuleBroken

    assert not Notification.objects.exists()
    assert not Job.objects.filter(task_name="notifications.deliver").exists()


def test_an_email_is_stored_and_queued_in_the_callers_transaction_and_sent_by_a_worker(
    resident, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        notification = notification_send(recipient=resident, channel=Channel.EMAIL, subject="申请已提交", body="…")

    assert notification.status == DeliveryStatus.PENDING
    assert not notification.delivery_attempts.exists()
    assert delivery_job(notification).status == JobStatus.QUEUED


def test_an_in_app_message_is_delivered_by_being_stored(resident):
    notification = notification_send(recipient=resident, subject="申请已提交", body="您的申请已提交。")

    assert notification.channel == Channel.INAPP
    assert notification.status == DeliveryStatus.DELIVERED
    assert notification.read_at is None
    assert notification.delivery_attempts.get().outcome == AttemptOutcome.OK
    assert not Job.objects.filter(task_name="notifications.deliver").exists()


def test_a_console_message_is_sent_right_after_commit(resident, django_capture_on_commit_callbacks, caplog):
    caplog.set_level(logging.WARNING, logger="onevisit.notifications")
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        notification = notification_send(
            recipient=resident, channel=Channel.CONSOLE, subject="登录验证码", body="您的登录验证码是 493021"
        )
        assert "493021" not in caplog.text  # not before the commit

    notification.refresh_from_db()
    assert notification.status == DeliveryStatus.DELIVERED
    assert "[notification to 11010519491231002X] 登录验证码: 您的登录验证码是 493021" in caplog.text
    assert delivery_job(notification).status == JobStatus.SUCCEEDED  # a worker has nothing left to do


def test_an_unknown_channel_is_refused_before_anything_is_written(resident):
    with pytest.raises(ValueError):
        notification_send(recipient=resident, channel="pigeon", subject="申请已提交", body="…")

    assert not Notification.objects.exists()


def test_a_failed_notification_can_be_sent_again_with_a_fresh_round_of_attempts(settings, resident):
    settings.ONEVISIT_NOTIFICATION_MAX_ATTEMPTS = 1
    resident.phone = ""
    resident.save(update_fields=["phone"])
    notification = notification_send(recipient=resident, channel=Channel.SMS, subject="证照已核发", body="…")

    job_run(worker_id="w1", job_id=delivery_job(notification).pk)
    resident.phone = "13900000002"
    resident.save(update_fields=["phone"])

    notification_retry(notification_id=notification.pk)
    job_run(worker_id="w1")

    notification.refresh_from_db()
    assert notification.status == DeliveryStatus.DELIVERED
    assert [(a.number, a.outcome) for a in notification.delivery_attempts.all()] == [
        (1, AttemptOutcome.FAILED), (2, AttemptOutcome.OK)
    ]

"""SMS: the demo provider writes to the log; another provider is a class named in settings."""

import logging

from onevisit.jobs.services import job_run
from onevisit.notifications.models import AttemptOutcome, Channel, DeliveryStatus
from onevisit.notifications.services import notification_send

from . import recording_provider
from .conftest import delivery_job

BODY = "【浙里办】您的营业执照已核发，可在“我的证照”中查看。"


def test_the_log_provider_writes_the_text_to_the_log_and_records_the_attempt(resident, caplog):
    notification = notification_send(recipient=resident, channel=Channel.SMS, subject="证照已核发", body=BODY)

    with caplog.at_level(logging.INFO, logger="onevisit.notifications.sms"):
        job_run(worker_id="w1", job_id=delivery_job(notification).pk)

    notification.refresh_from_db()
    assert notification.status == DeliveryStatus.DELIVERED
    attempt = notification.delivery_attempts.get()
    assert attempt.outcome == AttemptOutcome.OK
    assert attempt.provider == "onevisit.notifications.providers.sms.LogSmsProvider"
    assert attempt.provider_message_id.startswith("log-")
    assert f"[sms {attempt.provider_message_id} to 13900000002] {BODY}" in caplog.text


def test_an_sms_provider_is_a_class_named_by_dotted_path_in_settings(settings, resident):
    settings.ONEVISIT_NOTIFICATION_PROVIDERS = {
        **settings.ONEVISIT_NOTIFICATION_PROVIDERS, "sms": "notifications.recording_provider.RecordingSmsGateway",
    }
    recording_provider.SENT.clear()
    notification = notification_send(recipient=resident, channel=Channel.SMS, subject="证照已核发", body=BODY)

    job_run(worker_id="w1", job_id=delivery_job(notification).pk)

    [message] = recording_provider.SENT
    assert (message.address, message.body, message.notification_id) == ("13900000002", BODY, notification.pk)
    assert notification.delivery_attempts.get().provider_message_id == "gw-1"


def test_a_recipient_without_a_mobile_number_fails_without_retries(resident):
    resident.phone = ""
    resident.save(update_fields=["phone"])
    notification = notification_send(recipient=resident, channel=Channel.SMS, subject="证照已核发", body=BODY)

    job_run(worker_id="w1", job_id=delivery_job(notification).pk)

    notification.refresh_from_db()
    assert notification.status == DeliveryStatus.FAILED
    assert notification.delivery_attempts.get().outcome == AttemptOutcome.FAILED

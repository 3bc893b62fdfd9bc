"""Fixtures for the notifications tests: people with addresses, and a real SMTP server."""

import socket
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller
from django.utils import timezone

from onevisit.accounts import services as account_services
from onevisit.jobs.models import Job


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Mailbox:
    """An aiosmtpd handler keeping every message it accepts, parsed."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        message = message_from_bytes(envelope.original_content, policy=policy.default)
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), message))
        return "250 Message accepted for delivery"


class SmtpServer:
    """A real SMTP server on 127.0.0.1:``port``, started and stopped on demand."""

    def __init__(self, port: int):
        self.port = port
        self.mailbox = Mailbox()
        self._controller = None

    def start(self) -> None:
        self._controller = Controller(self.mailbox, hostname="127.0.0.1", port=self.port)
        self._controller.start()

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None


@pytest.fixture
def smtp_port(settings):
    """A port nothing listens on yet, configured as the SMTP server."""
    port = free_port()
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    settings.DEFAULT_FROM_EMAIL = "浙里办 <noreply@onevisit.example>"
    return port


@pytest.fixture
def smtp_server(smtp_port):
    """An SMTP server that is not running yet (``.start()`` it): the mail server is down."""
    server = SmtpServer(smtp_port)
    yield server
    server.stop()


@pytest.fixture
def running_smtp_server(smtp_server):
    smtp_server.start()
    return smtp_server


@pytest.fixture
def resident(db):
    return account_services.citizen_register(
        id_number="11010519491231002X", full_name="张桂英", password="Correct-Horse-9", phone="13900000002",
    )


@pytest.fixture
def resident_with_email(resident):
    resident.email = "zhang.guiying@example.cn"
    resident.save(update_fields=["email"])
    return resident


def make_due(job: Job) -> None:
    """Skip the backoff wait: the test is about what happens on the retry, not about the clock."""
    Job.objects.filter(pk=job.pk).update(run_after=timezone.now())


def delivery_job(notification) -> Job:
    return Job.objects.get(task_name="notifications.deliver", kwargs__notification_id=notification.pk)

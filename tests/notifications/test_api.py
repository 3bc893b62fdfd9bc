"""GET /api/v1/notifications and POST /api/v1/notifications/{id}/read: my in-app messages only."""

import pytest
from django.test import Client

from onevisit.accounts import services as account_services
from onevisit.notifications.models import Channel, Notification
from onevisit.notifications.services import notification_send

pytestmark = pytest.mark.django_db

CITIZEN = "onevisit.accounts.backends.CitizenBackend"


@pytest.fixture
def citizen_client(client, citizen):
    client.force_login(citizen, backend=CITIZEN)
    return client


def send(user, subject="申请已提交", channel=Channel.INAPP):
    return notification_send(recipient=user, subject=subject, body="您的申请已提交。", channel=channel)


def test_anonymous_callers_get_401(client):
    assert client.get("/api/v1/notifications").status_code == 401
    assert client.post("/api/v1/notifications/1/read").status_code == 401


def test_my_in_app_messages_newest_first_paginated(citizen_client, citizen, resident):
    first = send(citizen, subject="申请已提交")
    second = send(citizen, subject="共享数据已获取")
    send(resident, subject="别人的消息")
    send(citizen, subject="登录验证码", channel=Channel.CONSOLE)

    body = citizen_client.get("/api/v1/notifications").json()

    assert body["count"] == 2
    assert [item["id"] for item in body["items"]] == [second.pk, first.pk]
    assert body["items"][0] == {
        "id": second.pk, "subject": "共享数据已获取", "body": "您的申请已提交。",
        "created_at": body["items"][0]["created_at"], "read_at": None, "unread": True,
    }
    page = citizen_client.get("/api/v1/notifications?limit=1&offset=1").json()
    assert [item["id"] for item in page["items"]] == [first.pk]


def test_marking_my_message_read(citizen_client, citizen):
    message = send(citizen)

    response = citizen_client.post(f"/api/v1/notifications/{message.pk}/read")

    assert response.status_code == 200
    assert response.json()["unread"] is False
    message.refresh_from_db()
    assert message.read_at is not None
    again = citizen_client.post(f"/api/v1/notifications/{message.pk}/read")
    assert again.json()["read_at"] == response.json()["read_at"]


def test_someone_elses_message_is_not_found(citizen_client, resident):
    theirs = send(resident)

    response = citizen_client.post(f"/api/v1/notifications/{theirs.pk}/read")

    assert response.status_code == 404
    assert response.json()["code"] == "notification_not_found"
    assert Notification.objects.get(pk=theirs.pk).read_at is None


def test_a_browser_session_needs_the_csrf_token_to_mark_read(citizen):
    message = send(citizen)
    client = Client(enforce_csrf_checks=True)
    client.force_login(citizen, backend=CITIZEN)

    assert client.post(f"/api/v1/notifications/{message.pk}/read").status_code in (401, 403)
    assert Notification.objects.get(pk=message.pk).read_at is None


def test_a_system_token_reads_the_systems_own_messages(client, db):
    system = account_services.system_user_create(username="zj.data.exchange", full_name="浙江省公共数据平台")
    _token, key = account_services.api_token_create(user=system, name="消息")
    send(system, subject="授权即将到期")

    body = client.get("/api/v1/notifications", headers={"Authorization": f"Bearer {key}"}).json()

    assert [item["subject"] for item in body["items"]] == ["授权即将到期"]

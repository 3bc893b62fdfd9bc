"""The in-app inbox on the portal (/my/inbox/) and the workbench (/workbench/inbox/):
each person sees their own messages only, can mark them read, and sees the unread count."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from onevisit.accounts import services as account_services
from onevisit.accounts.models import StaffRole
from onevisit.notifications.models import Channel, Notification
from onevisit.notifications.services import notification_send

pytestmark = pytest.mark.django_db

CITIZEN = "onevisit.accounts.backends.CitizenBackend"
STAFF = "onevisit.accounts.backends.StaffBackend"
PASSWORD = "Correct-Horse-9"


@pytest.fixture
def citizen_client(client, citizen):
    client.force_login(citizen, backend=CITIZEN)
    return client


@pytest.fixture
def officer_client(officer):
    client = Client()
    client.force_login(officer, backend=STAFF)
    return client


@pytest.fixture
def colleague(department):
    return account_services.staff_create(
        username="hz.psb.clerk", full_name="李窗口", department=department, roles=[StaffRole.WINDOW_CLERK],
        password=PASSWORD,
    )


def send(user, subject="申请已提交", body="您的申请 APP-20261122-7KQ2M9 已提交。", channel=Channel.INAPP):
    return notification_send(recipient=user, subject=subject, body=body, channel=channel)


def test_anonymous_visitors_are_sent_to_the_login_of_each_side(client, db):
    assert client.get("/my/inbox/")["Location"].startswith("/login/?next=/my/inbox/")
    assert client.get("/workbench/inbox/")["Location"].startswith("/workbench/login/?next=/workbench/inbox/")


def test_staff_cannot_open_the_citizen_inbox_nor_citizens_the_workbench_inbox(citizen_client, officer_client):
    assert citizen_client.get("/workbench/inbox/").status_code == 302
    assert officer_client.get("/my/inbox/").status_code == 302


def test_an_empty_inbox_says_so(citizen_client):
    page = citizen_client.get("/my/inbox/").content.decode()

    assert 'data-testid="inbox-empty"' in page
    assert 'data-testid="unread-badge"' not in page


def test_a_citizen_sees_their_own_in_app_messages_and_nobody_elses(citizen_client, citizen, resident_two):
    send(citizen, subject="申请已提交")
    send(resident_two, subject="张桂英的申请已受理")
    send(citizen, subject="登录验证码", body="您的登录验证码是 493021", channel=Channel.CONSOLE)

    page = citizen_client.get("/my/inbox/").content.decode()

    assert page.count('data-testid="inbox-item"') == 1
    assert "申请已提交" in page
    assert "张桂英" not in page
    assert "493021" not in page  # other channels are not the inbox
    assert 'data-testid="unread-badge">1<' in page


def test_a_staff_members_inbox_never_shows_a_colleagues_messages(officer_client, officer, colleague):
    send(colleague, subject="登录验证码", body="您的登录验证码是 771204")
    send(officer, subject="数据纠错待处理", body="户籍信息有一条纠错申请待处理。")

    page = officer_client.get("/workbench/inbox/").content.decode()

    assert "数据纠错待处理" in page
    assert "771204" not in page
    assert page.count('data-testid="inbox-item"') == 1


def test_marking_one_message_read_needs_a_post_and_keeps_the_page(citizen_client, citizen):
    message = send(citizen)

    assert citizen_client.get(f"/my/inbox/{message.pk}/read/").status_code == 405
    response = citizen_client.post(f"/my/inbox/{message.pk}/read/", {"page": "1"})

    assert response.status_code == 302
    assert response["Location"] == "/my/inbox/?page=1"
    message.refresh_from_db()
    assert message.read_at is not None
    page = citizen_client.get("/my/inbox/").content.decode()
    assert 'data-testid="unread-badge"' not in page
    assert 'data-testid="inbox-read"' not in page


def test_marking_read_is_csrf_protected(citizen):
    message = send(citizen)
    client = Client(enforce_csrf_checks=True)
    client.force_login(citizen, backend=CITIZEN)

    assert client.post(f"/my/inbox/{message.pk}/read/").status_code == 403

    message.refresh_from_db()
    assert message.read_at is None


def test_nobody_can_mark_someone_elses_message_read(citizen_client, officer_client, resident_two, colleague):
    theirs = send(resident_two)
    colleagues = send(colleague)

    assert citizen_client.post(f"/my/inbox/{theirs.pk}/read/").status_code == 404
    assert officer_client.post(f"/workbench/inbox/{colleagues.pk}/read/").status_code == 404

    assert not Notification.objects.filter(read_at__isnull=False).exists()


def test_mark_all_read_marks_only_mine(officer_client, officer, colleague):
    send(officer)
    send(officer, subject="共享申请已批准")
    theirs = send(colleague)

    response = officer_client.post("/workbench/inbox/read-all/")

    assert response.status_code == 302 and response["Location"] == "/workbench/inbox/"
    assert not Notification.objects.filter(recipient=officer, read_at__isnull=True).exists()
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_the_inbox_shows_twenty_messages_a_page_newest_first(citizen_client, citizen):
    now = timezone.now()
    for number in range(25):
        message = send(citizen, subject=f"消息 {number:02d}")
        Notification.objects.filter(pk=message.pk).update(created_at=now - datetime.timedelta(minutes=number))

    first = citizen_client.get("/my/inbox/").content.decode()
    second = citizen_client.get("/my/inbox/?page=2").content.decode()

    assert first.count('data-testid="inbox-item"') == 20
    assert "消息 00" in first and "消息 19" in first and "消息 20" not in first
    assert second.count('data-testid="inbox-item"') == 5
    assert "消息 24" in second
    assert 'data-testid="unread-badge">25<' in first


def test_the_nav_shows_the_unread_badge_on_other_pages(officer_client, officer):
    send(officer)
    send(officer)

    page = officer_client.get("/workbench/").content.decode()

    assert 'href="/workbench/inbox/"' in page
    assert 'data-testid="unread-badge">2<' in page


@pytest.fixture
def resident_two(db):
    return account_services.citizen_register(
        id_number="11010519491231002X", full_name="张桂英", password=PASSWORD, phone="13900000002"
    )

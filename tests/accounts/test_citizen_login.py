"""A citizen logs in with ID number and password, then the one-time code sent to them."""

import datetime

import pytest
from django.utils import timezone

from onevisit.accounts.models import OneTimeCode
from onevisit.accounts.services import citizen_register, one_time_code_send, one_time_code_verify
from onevisit.core.errors import RateLimited, ValidationFailed
from onevisit.notifications.selectors import notifications_for

from .conftest import PASSWORD, another_code, logged_in_user_id, sent_code

pytestmark = pytest.mark.django_db


def test_the_login_page_asks_for_id_number_and_password(client):
    response = client.get("/login/")

    assert response.status_code == 200
    assert 'name="id_number"' in response.content.decode()
    assert 'name="password"' in response.content.decode()


def test_a_correct_password_sends_a_one_time_code_and_logs_nobody_in_yet(
    client, citizen, django_capture_on_commit_callbacks
):
    # The code is delivered once the login's transaction has committed.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/login/", {"id_number": citizen.id_number, "password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == "/login/verify/"
    message = notifications_for(user=citizen).get()
    assert message.subject == "登录验证码"
    assert message.delivered_at is not None
    assert len(sent_code(citizen)) == 6
    assert logged_in_user_id(client) is None


def test_only_the_hash_of_the_code_is_stored(client, password_step_passed):
    stored = OneTimeCode.objects.get(user=password_step_passed)

    assert sent_code(password_step_passed) not in stored.code_hash


def test_the_id_number_may_be_typed_with_a_lower_case_x(client, db):
    user = citizen_register(id_number="11010519491231002X", full_name="张桂英", password=PASSWORD)

    response = client.post("/login/", {"id_number": "11010519491231002x", "password": PASSWORD})

    assert response.status_code == 302
    assert notifications_for(user=user).exists()


def test_a_wrong_password_is_refused_without_saying_which_part_was_wrong(client, citizen):
    response = client.post("/login/", {"id_number": citizen.id_number, "password": "Wrong-Horse-9"})

    assert response.status_code == 200
    assert "身份证号码或密码不正确。" in response.content.decode()
    assert not notifications_for(user=citizen).exists()


def test_an_invalid_id_number_is_named_on_the_form(client, db):
    response = client.post("/login/", {"id_number": "330106199003071237", "password": PASSWORD})

    assert response.status_code == 200
    assert "身份证号码校验位不正确" in response.content.decode()


def test_a_wrong_code_is_refused_with_a_message(client, password_step_passed):
    code = sent_code(password_step_passed)

    response = client.post("/login/verify/", {"code": another_code(code)})

    assert response.status_code == 200
    assert "验证码不正确" in response.content.decode()
    assert logged_in_user_id(client) is None


def test_the_right_code_logs_the_citizen_in_and_opens_my_page(client, password_step_passed):
    response = client.post("/login/verify/", {"code": sent_code(password_step_passed)})

    assert response.status_code == 302
    assert response["Location"] == "/my/"
    assert logged_in_user_id(client) == password_step_passed.pk


def test_my_page_shows_the_masked_id_number_and_never_the_full_one(client, logged_in_citizen):
    response = client.get("/my/")

    page = response.content.decode()
    assert response.status_code == 200
    assert "王小明" in page
    assert "330106********1236" in page
    assert "330106199003071236" not in page


def test_a_code_is_accepted_only_once(citizen):
    code = one_time_code_send(user=citizen)
    one_time_code_verify(user=citizen, code=code)

    with pytest.raises(ValidationFailed) as exc_info:
        one_time_code_verify(user=citizen, code=code)

    assert exc_info.value.details == [{"field": "code", "message": "验证码已失效，请重新获取"}]


def test_an_expired_code_is_refused(client, password_step_passed):
    # Six minutes later: the code lived five.
    OneTimeCode.objects.filter(user=password_step_passed).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )

    response = client.post("/login/verify/", {"code": sent_code(password_step_passed)})

    assert response.status_code == 200
    assert "验证码已失效，请重新获取" in response.content.decode()
    assert logged_in_user_id(client) is None


def test_after_five_wrong_codes_even_the_right_one_is_refused(client, password_step_passed):
    code = sent_code(password_step_passed)
    for _ in range(4):
        client.post("/login/verify/", {"code": another_code(code)})

    fifth = client.post("/login/verify/", {"code": another_code(code)})
    response = client.post("/login/verify/", {"code": code})

    assert fifth.status_code == 429  # the wrong codes counted towards the account's lockout
    assert response.status_code == 302 and response["Location"] == "/login/"
    assert logged_in_user_id(client) is None


def test_wrong_codes_lock_the_account_like_wrong_passwords(client, password_step_passed):
    code = sent_code(password_step_passed)
    for _ in range(5):
        client.post("/login/verify/", {"code": another_code(code)})

    response = client.post("/login/", {"id_number": password_step_passed.id_number, "password": PASSWORD})

    assert response.status_code == 429
    assert "账号已临时锁定" in response.content.decode()


def test_a_code_cannot_be_resent_within_a_minute(client, password_step_passed):
    response = client.post("/login/verify/", {"resend": "1"}, follow=True)

    assert "秒后再重新获取" in response.content.decode()
    assert notifications_for(user=password_step_passed).count() == 1


def test_no_more_than_ten_codes_an_hour(citizen, settings):
    settings.ONEVISIT_OTP_RESEND_SECONDS = 0
    for _ in range(10):
        one_time_code_send(user=citizen)

    with pytest.raises(RateLimited) as refused:
        one_time_code_send(user=citizen)

    assert refused.value.details == {"retry_after": 3600}


def test_logging_in_again_at_once_reuses_the_code_already_sent(client, password_step_passed):
    response = client.post("/login/", {"id_number": password_step_passed.id_number, "password": PASSWORD})

    assert response["Location"] == "/login/verify/"
    assert notifications_for(user=password_step_passed).count() == 1
    client.post("/login/verify/", {"code": sent_code(password_step_passed)})
    assert logged_in_user_id(client) == password_step_passed.pk


def test_a_resent_code_replaces_the_earlier_one(client, password_step_passed):
    OneTimeCode.objects.filter(user=password_step_passed).update(
        created_at=timezone.now() - datetime.timedelta(seconds=61)
    )

    response = client.post("/login/verify/", {"resend": "1"})

    assert response.status_code == 302
    assert notifications_for(user=password_step_passed).count() == 2
    earlier, newer = OneTimeCode.objects.filter(user=password_step_passed).order_by("created_at", "id")
    assert earlier.used_at is not None
    assert newer.used_at is None
    client.post("/login/verify/", {"code": sent_code(password_step_passed)})
    assert logged_in_user_id(client) == password_step_passed.pk


def test_the_code_page_without_a_password_step_sends_the_visitor_back_to_login(client, db):
    response = client.get("/login/verify/")

    assert response.status_code == 302
    assert response["Location"] == "/login/"


def test_the_password_step_expires_after_ten_minutes(client, password_step_passed):
    session = client.session
    session["onevisit.pending_login"]["at"] -= 601
    session.save()

    response = client.post("/login/verify/", {"code": sent_code(password_step_passed)})

    assert response.status_code == 302
    assert response["Location"] == "/login/"
    assert logged_in_user_id(client) is None


def test_my_page_sends_an_anonymous_visitor_to_login_and_back(client, db):
    response = client.get("/my/")

    assert response.status_code == 302
    assert response["Location"] == "/login/?next=/my/"

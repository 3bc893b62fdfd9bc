"""Five wrong passwords lock the account name for a while (django-axes), whatever comes next."""

import pytest
from django.test import Client

from onevisit.accounts.services import citizen_register
from onevisit.notifications.selectors import notifications_for

from .conftest import PASSWORD, logged_in_user_id

pytestmark = pytest.mark.django_db


def fail_five_times(client, path, data):
    return [client.post(path, data).status_code for _ in range(5)]


def test_five_wrong_passwords_lock_the_citizen_out_even_with_the_right_password(client, citizen):
    statuses = fail_five_times(client, "/login/", {"id_number": citizen.id_number, "password": "guess-123456"})

    response = client.post("/login/", {"id_number": citizen.id_number, "password": PASSWORD})

    assert statuses[:4] == [200, 200, 200, 200]
    assert response.status_code == 429
    assert "登录失败次数过多，账号已临时锁定" in response.content.decode()
    assert not notifications_for(user=citizen).exists()  # no code is sent to a locked account
    assert logged_in_user_id(client) is None


def test_the_fifth_wrong_password_already_answers_429(client, citizen):
    statuses = fail_five_times(client, "/login/", {"id_number": citizen.id_number, "password": "guess-123456"})

    assert statuses[-1] == 429


def test_the_lock_follows_the_account_not_the_browser(client, citizen):
    fail_five_times(client, "/login/", {"id_number": citizen.id_number, "password": "guess-123456"})

    response = Client().post("/login/", {"id_number": citizen.id_number, "password": PASSWORD},
                                   REMOTE_ADDR="10.20.30.40")

    assert response.status_code == 429


def test_an_id_number_typed_with_a_lower_case_x_counts_against_the_same_account(client, db):
    citizen_register(id_number="11010519491231002X", full_name="张桂英", password=PASSWORD)
    for number in ["11010519491231002x", "11010519491231002X"] * 2 + ["11010519491231002x"]:
        client.post("/login/", {"id_number": number, "password": "guess-123456"})

    response = client.post("/login/", {"id_number": "11010519491231002X", "password": PASSWORD})

    assert response.status_code == 429


def test_another_citizen_can_still_log_in_while_one_account_is_locked(client, citizen):
    fail_five_times(client, "/login/", {"id_number": citizen.id_number, "password": "guess-123456"})
    other = citizen_register(id_number="11010519491231002X", full_name="张桂英", password=PASSWORD)

    response = client.post("/login/", {"id_number": other.id_number, "password": PASSWORD})

    assert response.status_code == 302


def test_four_wrong_passwords_and_then_the_right_one_still_get_in(client, citizen):
    for _ in range(4):
        client.post("/login/", {"id_number": citizen.id_number, "password": "guess-123456"})

    response = client.post("/login/", {"id_number": citizen.id_number, "password": PASSWORD})

    assert response.status_code == 302


def test_five_wrong_passwords_lock_the_officer_out_of_the_workbench(client, officer):
    fail_five_times(client, "/workbench/login/", {"username": officer.username, "password": "guess-123456"})

    response = client.post("/workbench/login/", {"username": officer.username, "password": PASSWORD})

    assert response.status_code == 429
    assert "/workbench/login/" in response.content.decode()  # the way back is the workbench login
    assert logged_in_user_id(client) is None

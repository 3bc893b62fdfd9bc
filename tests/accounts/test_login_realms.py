"""Citizens and officers log in through separate doors: a password opens only its own realm."""

import pytest
from django.contrib.auth import authenticate
from django.test import RequestFactory

from onevisit.accounts import services
from onevisit.accounts.models import StaffRole

from .conftest import PASSWORD, logged_in_user_id

pytestmark = pytest.mark.django_db


def login_request():
    return RequestFactory().post("/login/")


def test_a_citizen_password_authenticates_in_the_citizen_realm(citizen):
    assert authenticate(login_request(), username=citizen.id_number, password=PASSWORD, realm="citizen") == citizen


def test_a_citizen_password_does_not_authenticate_in_the_staff_realm(citizen):
    assert authenticate(login_request(), username=citizen.id_number, password=PASSWORD, realm="staff") is None


def test_an_officer_password_does_not_authenticate_in_the_citizen_realm(officer):
    assert authenticate(login_request(), username=officer.username, password=PASSWORD, realm="citizen") is None


def test_without_a_realm_nobody_authenticates(citizen, officer):
    assert authenticate(login_request(), username=citizen.id_number, password=PASSWORD) is None
    assert authenticate(login_request(), username=officer.username, password=PASSWORD) is None


def test_a_citizen_password_does_not_open_the_workbench(client, citizen):
    response = client.post("/workbench/login/", {"username": citizen.id_number, "password": PASSWORD})

    assert response.status_code == 200
    assert "用户名或密码不正确。" in response.content.decode()
    assert logged_in_user_id(client) is None


def test_a_staff_account_named_like_an_id_number_does_not_open_the_portal(client, officer):
    services.staff_create(username="11010519491231002X", full_name="刘芳", department=officer.department,
                          roles=[StaffRole.WINDOW_CLERK], password=PASSWORD)

    response = client.post("/login/", {"id_number": "11010519491231002X", "password": PASSWORD})

    assert response.status_code == 200
    assert "身份证号码或密码不正确。" in response.content.decode()


def test_an_officer_password_does_not_open_the_portal(client, officer):
    response = client.post("/login/", {"id_number": officer.username, "password": PASSWORD})

    assert response.status_code == 200
    assert logged_in_user_id(client) is None


def test_an_officer_logs_in_to_the_workbench_with_username_and_password(client, officer):
    response = client.post("/workbench/login/", {"username": "hz.psb.officer", "password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == "/workbench/"
    assert logged_in_user_id(client) == officer.pk
    assert client.get("/workbench/").status_code == 200


def test_a_logged_in_citizen_is_sent_to_the_workbench_login(client, citizen):
    client.force_login(citizen, backend="onevisit.accounts.backends.CitizenBackend")

    response = client.get("/workbench/")

    assert response.status_code == 302
    assert response["Location"].startswith("/workbench/login/")


def test_a_logged_in_officer_is_sent_to_the_portal_login(client, officer):
    client.force_login(officer, backend="onevisit.accounts.backends.StaffBackend")

    response = client.get("/my/")

    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_a_deactivated_officer_cannot_log_in(client, officer):
    officer.is_active = False
    officer.save(update_fields=["is_active"])

    client.post("/workbench/login/", {"username": "hz.psb.officer", "password": PASSWORD})

    assert logged_in_user_id(client) is None

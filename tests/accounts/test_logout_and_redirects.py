"""Logging out takes a POST (a link or an image cannot log anyone out), and after login the
visitor goes back where they came from, never to another site."""

import pytest

from .conftest import PASSWORD, logged_in_user_id, sent_code

pytestmark = pytest.mark.django_db


def log_in(client, citizen, next_url: str) -> str:
    client.post(f"/login/?next={next_url}", {"id_number": citizen.id_number, "password": PASSWORD})
    return client.post("/login/verify/", {"code": sent_code(citizen)})["Location"]


def test_logout_by_get_is_refused_and_keeps_the_citizen_logged_in(client, logged_in_citizen):
    response = client.get("/logout/")

    assert response.status_code == 405
    assert logged_in_user_id(client) == logged_in_citizen.pk


def test_logout_by_post_logs_the_citizen_out(client, logged_in_citizen):
    response = client.post("/logout/")

    assert response.status_code == 302
    assert logged_in_user_id(client) is None
    assert client.get("/my/").status_code == 302


def test_workbench_logout_by_get_is_refused(client, officer):
    client.force_login(officer, backend="onevisit.accounts.backends.StaffBackend")

    assert client.get("/workbench/logout/").status_code == 405
    assert logged_in_user_id(client) == officer.pk


def test_workbench_logout_by_post_logs_the_officer_out(client, officer):
    client.force_login(officer, backend="onevisit.accounts.backends.StaffBackend")

    response = client.post("/workbench/logout/")

    assert response["Location"] == "/workbench/login/"
    assert logged_in_user_id(client) is None


def test_after_login_the_citizen_returns_to_the_page_they_asked_for(client, citizen):
    assert log_in(client, citizen, "/my/?tab=enterprises") == "/my/?tab=enterprises"


@pytest.mark.parametrize("next_url", [
    "https://evil.example.com/",
    "//evil.example.com/my/",
    "http://testserver.evil.example.com/",
    "javascript:alert(1)",
    "/\\evil.example.com",
])
def test_after_login_a_next_address_on_another_site_is_ignored(client, citizen, next_url):
    assert log_in(client, citizen, next_url) == "/my/"


def test_the_next_address_is_checked_at_the_workbench_too(client, officer):
    response = client.post("/workbench/login/?next=https://evil.example.com/",
                           {"username": officer.username, "password": PASSWORD})

    assert response["Location"] == "/workbench/"


def test_the_next_address_posted_with_the_form_is_honoured_when_it_is_local(client, officer):
    response = client.post("/workbench/login/",
                           {"username": officer.username, "password": PASSWORD, "next": "/workbench/security/totp/"})

    assert response["Location"] == "/workbench/security/totp/"

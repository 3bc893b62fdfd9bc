"""An officer may turn on TOTP (an authenticator app); from then on login needs its code."""

import datetime

import pyotp
import pytest

from onevisit.accounts import services
from onevisit.core.errors import ValidationFailed

from .conftest import PASSWORD, logged_in_user_id

pytestmark = pytest.mark.django_db

SETUP_SECRET_KEY = "onevisit.totp_setup_secret"


def a_code_not_valid_now(secret: str) -> str:
    totp = pyotp.TOTP(secret)
    now = datetime.datetime.now()
    valid = {totp.at(now + datetime.timedelta(seconds=30 * step)) for step in (-1, 0, 1)}
    return next(f"{n:06d}" for n in range(10**6) if f"{n:06d}" not in valid)


@pytest.fixture
def officer_with_totp(officer):
    secret = services.totp_new_secret()
    services.totp_enable(user=officer, secret=secret, code=pyotp.TOTP(secret).now())
    return officer


def test_the_setup_page_shows_a_new_secret_and_its_provisioning_uri(client, officer):
    client.force_login(officer, backend="onevisit.accounts.backends.StaffBackend")

    response = client.get("/workbench/security/totp/")

    secret = client.session[SETUP_SECRET_KEY]
    assert response.status_code == 200
    assert secret in response.content.decode()
    assert "otpauth://totp/" in response.content.decode()


def test_a_code_from_the_authenticator_app_enables_totp(client, officer):
    client.force_login(officer, backend="onevisit.accounts.backends.StaffBackend")
    client.get("/workbench/security/totp/")
    secret = client.session[SETUP_SECRET_KEY]

    response = client.post("/workbench/security/totp/", {"code": pyotp.TOTP(secret).now()})

    officer.refresh_from_db()
    assert response.status_code == 302
    assert officer.totp_enabled
    assert officer.totp_secret == secret
    assert SETUP_SECRET_KEY not in client.session


def test_a_wrong_code_does_not_enable_totp(client, officer):
    client.force_login(officer, backend="onevisit.accounts.backends.StaffBackend")
    client.get("/workbench/security/totp/")
    secret = client.session[SETUP_SECRET_KEY]

    response = client.post("/workbench/security/totp/", {"code": a_code_not_valid_now(secret)})

    officer.refresh_from_db()
    assert response.status_code == 200
    assert "动态口令不正确" in response.content.decode()
    assert not officer.totp_enabled


def test_enabling_needs_a_code_matching_the_secret(officer):
    secret = services.totp_new_secret()

    with pytest.raises(ValidationFailed) as exc_info:
        services.totp_enable(user=officer, secret=secret, code=a_code_not_valid_now(secret))

    assert exc_info.value.details[0]["field"] == "code"


def test_with_totp_on_the_password_alone_does_not_log_the_officer_in(client, officer_with_totp):
    response = client.post("/workbench/login/", {"username": "hz.psb.officer", "password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == "/workbench/login/totp/"
    assert logged_in_user_id(client) is None
    assert client.get("/workbench/").status_code == 302


def test_with_totp_on_a_wrong_code_is_refused(client, officer_with_totp):
    client.post("/workbench/login/", {"username": "hz.psb.officer", "password": PASSWORD})

    response = client.post("/workbench/login/totp/", {"code": a_code_not_valid_now(officer_with_totp.totp_secret)})

    assert response.status_code == 200
    assert "动态口令不正确" in response.content.decode()
    assert logged_in_user_id(client) is None


def test_with_totp_on_password_and_the_current_code_log_the_officer_in(client, officer_with_totp):
    client.post("/workbench/login/", {"username": "hz.psb.officer", "password": PASSWORD})

    response = client.post("/workbench/login/totp/", {"code": pyotp.TOTP(officer_with_totp.totp_secret).now()})

    assert response.status_code == 302
    assert response["Location"] == "/workbench/"
    assert logged_in_user_id(client) == officer_with_totp.pk


def test_a_totp_code_is_accepted_only_once(client, officer_with_totp):
    code = pyotp.TOTP(officer_with_totp.totp_secret).now()
    client.post("/workbench/login/", {"username": "hz.psb.officer", "password": PASSWORD})
    client.post("/workbench/login/totp/", {"code": code})
    client.post("/workbench/logout/")

    client.post("/workbench/login/", {"username": "hz.psb.officer", "password": PASSWORD})
    replay = client.post("/workbench/login/totp/", {"code": code})

    assert replay.status_code == 200
    assert "已使用" in replay.content.decode()
    assert logged_in_user_id(client) is None


def test_five_wrong_totp_codes_end_the_login_attempt(client, officer_with_totp):
    client.post("/workbench/login/", {"username": "hz.psb.officer", "password": PASSWORD})
    wrong = a_code_not_valid_now(officer_with_totp.totp_secret)
    for _ in range(4):
        client.post("/workbench/login/totp/", {"code": wrong})

    fifth = client.post("/workbench/login/totp/", {"code": wrong})
    after = client.post("/workbench/login/totp/", {"code": pyotp.TOTP(officer_with_totp.totp_secret).now()})

    assert fifth.status_code == 429  # counted towards the account lockout, like wrong passwords
    assert after.status_code == 302 and after["Location"] == "/workbench/login/"
    assert logged_in_user_id(client) is None


def test_the_totp_step_without_a_password_step_sends_the_officer_back(client, officer_with_totp):
    response = client.post("/workbench/login/totp/", {"code": pyotp.TOTP(officer_with_totp.totp_secret).now()})

    assert response.status_code == 302
    assert response["Location"] == "/workbench/login/"
    assert logged_in_user_id(client) is None


def test_disabling_totp_returns_to_password_only_login(client, officer_with_totp):
    client.force_login(officer_with_totp, backend="onevisit.accounts.backends.StaffBackend")
    client.post("/workbench/security/totp/", {"disable": "1"})
    client.post("/workbench/logout/")

    response = client.post("/workbench/login/", {"username": "hz.psb.officer", "password": PASSWORD})

    assert response["Location"] == "/workbench/"
    assert logged_in_user_id(client) == officer_with_totp.pk

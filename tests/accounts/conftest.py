import re

import pytest

from onevisit.notifications.selectors import notifications_for

PASSWORD = "Correct-Horse-9"


def sent_code(user) -> str:
    """The one-time code in the newest message the citizen received."""
    body = notifications_for(user=user).first().body
    return re.search(r"\b(\d{6})\b", body).group(1)


def another_code(code: str) -> str:
    return f"{(int(code) + 1) % 10**6:06d}"


def logged_in_user_id(client) -> int | None:
    value = client.session.get("_auth_user_id")
    return int(value) if value else None


@pytest.fixture
def password_step_passed(client, citizen):
    """The citizen has given ID number and password; a code is on its way."""
    response = client.post("/login/", {"id_number": citizen.id_number, "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/login/verify/"
    return citizen


@pytest.fixture
def logged_in_citizen(client, password_step_passed):
    response = client.post("/login/verify/", {"code": sent_code(password_step_passed)})
    assert response.status_code == 302
    return password_step_passed

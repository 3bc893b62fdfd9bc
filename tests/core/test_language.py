"""Pages are Chinese unless the person switches; the API follows Accept-Language for systems."""

import pytest

pytestmark = pytest.mark.django_db


def test_pages_are_chinese_even_for_an_english_browser(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")

    assert response["Content-Language"] == "zh-hans"
    assert '<html lang="zh-hans"' in response.content.decode()


def test_the_language_switcher_turns_pages_english(client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})

    response = client.get("/")

    assert response["Content-Language"] == "en"
    assert '<html lang="en"' in response.content.decode()


def test_an_unknown_language_cookie_falls_back_to_chinese(client):
    client.cookies["django_language"] = "xx"

    assert client.get("/")["Content-Language"] == "zh-hans"


def test_api_messages_follow_accept_language(client):
    chinese = client.get("/api/v1/me").json()
    english = client.get("/api/v1/me", HTTP_ACCEPT_LANGUAGE="en").json()

    assert chinese["code"] == english["code"] == "not_authenticated"
    assert chinese["message"] != english["message"]
    assert english["message"].isascii()

import pytest

from onevisit.accounts import services

PASSWORD_FOR_AGENT = "Correct-Horse-9"
ERROR_KEYS = {"code", "message", "details"}


def error_fields(response) -> set[str]:
    """The fields a 422 names; the body must be the one error shape."""
    body = response.json()
    assert set(body) == ERROR_KEYS
    assert body["code"] == "validation_failed"
    return {detail["field"] for detail in body["details"]}


@pytest.fixture
def exchange_platform(db):
    """Another government system calling the API."""
    return services.system_user_create(username="zj.data.exchange", full_name="浙江省公共数据平台")


@pytest.fixture
def system_token(exchange_platform):
    _token, key = services.api_token_create(user=exchange_platform, name="婚姻登记数据共享")
    return key


def bearer(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}

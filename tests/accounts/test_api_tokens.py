"""Bearer tokens for other systems: issued once, stored hashed, revocable, optionally expiring;
`onevisit apitoken` issues and revokes them."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from onevisit.accounts import services
from onevisit.accounts.models import ApiToken, User, UserKind

pytestmark = pytest.mark.django_db


@pytest.fixture
def exchange_platform(db):
    return services.system_user_create(username="zj.data.exchange", full_name="浙江省公共数据平台")


def apitoken(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("apitoken", *args, stdout=out, stderr=err)
    return out.getvalue().strip(), err.getvalue()


# --- the service -----------------------------------------------------------------------------------

def test_a_token_is_shown_once_and_only_its_hash_is_stored(exchange_platform):
    token, key = services.api_token_create(user=exchange_platform, name="婚姻登记数据共享")

    assert key.startswith(f"ov_{token.prefix}_")
    assert key not in token.key_hash
    assert token.key_hash == ApiToken.hash_key(key)


def test_a_valid_token_authenticates_its_system_and_records_its_use(exchange_platform):
    token, key = services.api_token_create(user=exchange_platform, name="婚姻登记数据共享")

    assert services.api_token_authenticate(key=key) == exchange_platform
    token.refresh_from_db()
    assert token.last_used_at is not None


@pytest.mark.parametrize("key", ["", "ov_", "ov_abc", "Bearer", "ov_0000000000_wrong-secret"])
def test_a_malformed_or_unknown_token_authenticates_nobody(exchange_platform, key):
    services.api_token_create(user=exchange_platform, name="婚姻登记数据共享")

    assert services.api_token_authenticate(key=key) is None


def test_a_token_with_the_right_prefix_but_a_wrong_secret_authenticates_nobody(exchange_platform):
    token, key = services.api_token_create(user=exchange_platform, name="婚姻登记数据共享")

    assert services.api_token_authenticate(key=f"ov_{token.prefix}_not-the-secret") is None


def test_a_revoked_token_authenticates_nobody(exchange_platform):
    token, key = services.api_token_create(user=exchange_platform, name="婚姻登记数据共享")

    services.api_token_revoke(prefix=token.prefix)

    assert services.api_token_authenticate(key=key) is None


def test_an_expired_token_authenticates_nobody(exchange_platform):
    _token, key = services.api_token_create(user=exchange_platform, name="婚姻登记数据共享",
                                            expires_at=timezone.now() - datetime.timedelta(seconds=1))

    assert services.api_token_authenticate(key=key) is None


def test_a_token_of_a_deactivated_system_authenticates_nobody(exchange_platform):
    _token, key = services.api_token_create(user=exchange_platform, name="婚姻登记数据共享")
    exchange_platform.is_active = False
    exchange_platform.save(update_fields=["is_active"])

    assert services.api_token_authenticate(key=key) is None


def test_a_system_account_has_no_usable_password(exchange_platform):
    assert exchange_platform.kind == UserKind.SYSTEM
    assert not exchange_platform.has_usable_password()


# --- the command -----------------------------------------------------------------------------------

def test_the_command_prints_a_token_that_authenticates_the_system(exchange_platform):
    key, note = apitoken("create", "--username", "zj.data.exchange", "--name", "婚姻登记数据共享")

    assert services.api_token_authenticate(key=key) == exchange_platform
    assert "not shown again" in note
    assert ApiToken.objects.get(user=exchange_platform).name == "婚姻登记数据共享"


def test_the_command_can_create_the_system_account(db):
    key, note = apitoken("create", "--username", "hz.hrss.platform", "--name", "社保待遇核验",
                         "--create-system-user", "杭州市人社业务平台")

    system = User.objects.get(username="hz.hrss.platform")
    assert system.kind == UserKind.SYSTEM
    assert system.full_name == "杭州市人社业务平台"
    assert services.api_token_authenticate(key=key) == system


def test_a_token_issued_for_some_days_expires_after_them(exchange_platform):
    before = timezone.now()

    apitoken("create", "--username", "zj.data.exchange", "--name", "婚姻登记数据共享", "--days", "30")

    expires_at = ApiToken.objects.get(user=exchange_platform).expires_at
    assert before + datetime.timedelta(days=30) <= expires_at <= timezone.now() + datetime.timedelta(days=30)


def test_the_command_refuses_an_unknown_account_unless_told_to_create_it(db):
    with pytest.raises(CommandError, match="--create-system-user"):
        apitoken("create", "--username", "nobody.here", "--name", "测试")

    assert not User.objects.filter(username="nobody.here").exists()


def test_the_command_refuses_to_issue_a_token_to_a_person(officer, citizen):
    for username in (officer.username, citizen.username):
        with pytest.raises(CommandError, match="system accounts"):
            apitoken("create", "--username", username, "--name", "测试")

    assert not ApiToken.objects.exists()


def test_the_command_refuses_a_validity_of_zero_days(exchange_platform):
    with pytest.raises(CommandError, match="--days"):
        apitoken("create", "--username", "zj.data.exchange", "--name", "测试", "--days", "0")


def test_the_command_revokes_a_token_by_its_prefix(exchange_platform):
    key, _note = apitoken("create", "--username", "zj.data.exchange", "--name", "婚姻登记数据共享")
    prefix = key.split("_")[1]

    output, _err = apitoken("revoke", prefix)

    assert f"revoked {prefix}" in output
    assert services.api_token_authenticate(key=key) is None


def test_revoking_an_unknown_prefix_is_an_error(db):
    with pytest.raises(CommandError, match="0123456789"):
        apitoken("revoke", "0123456789")


# --- the token cache (accounts.token_cache) ----------------------------------------------------------

def test_a_systems_token_is_read_once_then_kept_for_a_few_seconds(client, exchange_platform):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _token, key = services.api_token_create(user=exchange_platform, name="资源目录")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    assert client.get("/api/v1/catalogue/items", **auth).status_code == 200

    with CaptureQueriesContext(connection) as queries:
        assert client.get("/api/v1/catalogue/items", **auth).status_code == 200
    assert not [q for q in queries.captured_queries if "accounts_apitoken" in q["sql"]]


def test_a_revoked_token_is_refused_at_once_by_this_process(client, exchange_platform,
                                                            django_capture_on_commit_callbacks):
    token, key = services.api_token_create(user=exchange_platform, name="资源目录")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    assert client.get("/api/v1/catalogue/items", **auth).status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        services.api_token_revoke(prefix=token.prefix)

    assert client.get("/api/v1/catalogue/items", **auth).status_code == 401


def test_each_request_gets_its_own_copy_of_the_cached_user(exchange_platform):
    from onevisit.accounts.token_cache import token_user

    _token, key = services.api_token_create(user=exchange_platform, name="资源目录")
    first = token_user(key)
    first.full_name = "被某个请求改过"

    assert token_user(key).full_name == "浙江省公共数据平台"
    assert token_user(key) == exchange_platform

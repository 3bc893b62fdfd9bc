"""The exchange lane: systems' gateway calls over real HTTP, answered in front of Django's
middleware by the same gateway, with the same errors, each call's log row committed before the
answer, and grant revocations taking effect through the per-process caches."""

import json
import threading
import time
import urllib.error
import urllib.request

import pytest
from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
from django.db import connection, connections
from django.test import Client

from onevisit.accounts import services as account_services
from onevisit.exchange import caching, services
from onevisit.exchange.models import AccessGrant, AccessLog, GrantStatus
from onevisit.exchange.providers.inprocess import InProcessProvider
from onevisit.registries.contract import (
    ItemSpec,
    ProviderTimeout,
    Query,
    RegistryProvider,
    SubjectType,
)

from .exchange_registries import BROKEN, SLOW, WANG

FETCH = {"item": "population.hukou", "purpose": "DEMO-M01", "subject": WANG, "reference": "APP-2026-000123"}


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def lane(transactional_db, access_log_flushable, exchange_registries):
    """``onevisit.wsgi.application`` (the lane in front of Django) on a real HTTP server thread.
    Its rows are committed (transactional_db); the in-memory SQLite test database is shared with
    the server thread the way Django's live server shares it."""
    from onevisit.wsgi import application

    shared = {c.alias: c for c in connections.all() if c.vendor == "sqlite" and c.is_in_memory_db()}
    for conn in shared.values():
        conn.inc_thread_sharing()
    server = ThreadedWSGIServer(("127.0.0.1", 0), _QuietHandler, allow_reuse_address=False,
                                connections_override=shared)
    server.set_app(application)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()

    def post(path: str, body, key: str | None = None, **headers) -> tuple[int, dict]:
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        request = urllib.request.Request(f"http://127.0.0.1:{server.server_port}{path}", data=data, method="POST",
                                         headers={"Content-Type": "application/json", **headers})
        if key:
            request.add_header("Authorization", f"Bearer {key}")
        try:
            with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - a local test server
                status, raw = response.status, response.read()
                post.headers = response.headers
        except urllib.error.HTTPError as error:
            status, raw = error.code, error.read()
            post.headers = error.headers
        try:
            return status, json.loads(raw)
        except ValueError:
            return status, None  # Django's HTML error page

    yield post
    server.shutdown()
    server.server_close()
    for conn in shared.values():
        conn.dec_thread_sharing()


@pytest.fixture
def system_key(exchange_consumer):
    user = account_services.system_user_create(username="xihu.psb.hukou", full_name="西湖公安户政系统")
    user.department = exchange_consumer
    user.save(update_fields=["department"])
    _token, key = account_services.api_token_create(user=user, name="测试")
    return key


def test_a_system_gets_the_same_evidence_through_the_lane_as_through_the_api(lane, system_key, exchange_grant):
    exchange_grant("population.hukou")

    status, body = lane("/api/v1/exchange/fetch", FETCH, system_key)
    api = Client().post("/api/v1/exchange/fetch", FETCH, content_type="application/json",
                        HTTP_AUTHORIZATION=f"Bearer {system_key}").json()

    assert status == 200
    assert set(body) == set(api)
    assert body["records"] == api["records"]
    assert (body["item"], body["subject"], body["consumer"]) == ("population.hukou", WANG, "330106-PSB")
    assert AccessLog.objects.filter(reference="APP-2026-000123", outcome="allowed").count() == 2


def test_the_calls_log_row_is_committed_before_the_answer(lane, system_key, exchange_grant):
    exchange_grant("population.hukou")

    status, body = lane("/api/v1/exchange/fetch", FETCH, system_key)

    # Read on this thread's own connection: the server thread's insert must already be committed.
    row = AccessLog.objects.get(pk=body["access_log_id"])
    assert status == 200
    assert (row.outcome, row.response_id, row.content_hash) == ("allowed", body["response_id"], body["content_hash"])


def test_a_revoked_grant_is_refused_at_once_in_this_process(lane, system_key, exchange_grant,
                                                             exchange_consumer_officer):
    grant = exchange_grant("population.hukou")
    assert lane("/api/v1/exchange/fetch", FETCH, system_key)[0] == 200  # the grant is now cached

    services.grant_revoke(grant_id=grant.pk, revoked_by=exchange_consumer_officer, reason="业务调整")
    status, body = lane("/api/v1/exchange/fetch", FETCH, system_key)

    assert (status, body["code"]) == (403, "grant_revoked")
    assert AccessLog.objects.filter(outcome="denied", error_code="grant_revoked").count() == 1


def test_a_grant_revoked_by_another_process_is_refused_once_the_cache_entry_ages_out(
        lane, system_key, exchange_grant, settings, monkeypatch):
    settings.ONEVISIT_EXCHANGE_CACHE_SECONDS = 2
    now = [1000.0]
    monkeypatch.setattr(caching.grants, "clock", lambda: now[0])
    grant = exchange_grant("population.hukou")
    assert lane("/api/v1/exchange/fetch", FETCH, system_key)[0] == 200

    # Another process revokes: the row changes, no signal reaches this process.
    AccessGrant.objects.filter(pk=grant.pk).update(status=GrantStatus.REVOKED)
    still_cached = lane("/api/v1/exchange/fetch", FETCH, system_key)[0]
    now[0] += 2.01
    status, body = lane("/api/v1/exchange/fetch", FETCH, system_key)

    assert still_cached == 200
    assert (status, body["code"]) == (403, "grant_revoked")


def test_a_revoked_token_is_refused_at_once(lane, system_key, exchange_grant):
    exchange_grant("population.hukou")
    assert lane("/api/v1/exchange/fetch", FETCH, system_key)[0] == 200  # the token's user is now cached

    account_services.api_token_revoke(prefix=system_key.split("_", 2)[1])
    status, body = lane("/api/v1/exchange/fetch", FETCH, system_key)

    assert (status, body["code"]) == (401, "not_authenticated")


@pytest.mark.parametrize(("body", "key", "status", "code"), [
    (FETCH, "ov_nothing_here", 401, "not_authenticated"),
    ({**FETCH, "subject": "12345"}, None, 422, "validation_failed"),
    (b"{not json", None, 422, "validation_failed"),
    ({**FETCH, "item": "marriage.status"}, None, 403, "grant_missing"),
    ({**FETCH, "reference": ""}, None, 422, "validation_failed"),
])
def test_bad_calls_get_typed_errors(lane, system_key, exchange_grant, body, key, status, code):
    exchange_grant("population.hukou")

    got_status, got = lane("/api/v1/exchange/fetch", body, key or system_key)

    assert (got_status, got["code"]) == (status, code)
    assert set(got) == {"code", "message", "details"}


def test_a_subject_the_registry_does_not_know_is_a_typed_422_and_logged(lane, system_key, exchange_grant):
    exchange_grant("population.hukou")

    status, body = lane("/api/v1/exchange/fetch", {**FETCH, "subject": "330106199003071237"}, system_key)

    assert (status, body["code"]) == (422, "validation_failed")
    assert AccessLog.objects.filter(outcome="denied", error_code="validation_failed").count() == 1


def test_a_slow_provider_is_a_logged_504_and_a_down_one_a_logged_503(lane, system_key, exchange_grant, settings):
    exchange_grant("population.hukou")
    settings.ONEVISIT_EXCHANGE_PROVIDER_TIMEOUT = 0.3

    slow = lane("/api/v1/exchange/fetch", {**FETCH, "subject": SLOW}, system_key)
    down = lane("/api/v1/exchange/fetch", {**FETCH, "subject": BROKEN}, system_key)

    assert (slow[0], slow[1]["code"]) == (504, "provider_timeout")
    assert (down[0], down[1]["code"]) == (503, "provider_unavailable")
    failed = AccessLog.objects.filter(outcome="failed").order_by("id").values_list("error_code", flat=True)
    assert list(failed) == ["provider_timeout", "provider_unavailable"]


def test_a_browser_fetch_without_a_token_still_goes_through_django(lane):
    status, body = lane("/api/v1/exchange/fetch", FETCH)

    assert status in (401, 403) and body["code"]
    assert lane.headers["X-Frame-Options"] == "DENY"  # Django's middleware answered, not the lane


def test_the_bare_benchmark_lookup_is_not_served_outside_the_benchmark(lane, system_key):
    # Only bench/support/bench_settings.py adds it to the lane; here the path reaches Django.
    status, _body = lane("/bench/bare/fetch", FETCH, system_key)

    assert status == 404


@pytest.mark.skipif(connection.vendor != "postgresql", reason="statement_timeout is PostgreSQL's")
@pytest.mark.django_db(databases=["default", "registry_population"])
def test_a_database_bound_provider_is_cut_off_by_statement_timeout_without_a_thread():
    def sleepy(subject, fields):
        with connections["registry_population"].cursor() as cursor:
            cursor.execute("SELECT pg_sleep(5)")
        return []

    registry = RegistryProvider(code="population", name="人口库")
    registry.register(ItemSpec(code="population.sleepy", name="慢", name_en="Slow", subject_type=SubjectType.PERSON,
                               fields=()), sleepy)
    provider = InProcessProvider("population", {"transport": "inprocess", "timeout": 0.3, "bound": "database"},
                                 registry=registry)

    started = time.monotonic()
    with pytest.raises(ProviderTimeout) as caught:
        provider.query(Query(item="population.sleepy", subject=WANG), timeout=0.3)

    assert time.monotonic() - started < 3  # cancelled by the server, not after pg_sleep's 5 s
    assert (caught.value.code, caught.value.details) == ("provider_timeout", {"timeout": 0.3})
    assert provider.bound == "database"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="group commit is used on PostgreSQL")
def test_concurrent_calls_share_commits_and_each_gets_its_own_committed_row(transactional_db, access_log_flushable,
                                                                           exchange_grant, exchange_fetch):
    from onevisit.exchange import log_writer

    exchange_grant("population.hukou")
    threads, per_thread, results, failures = 8, 10, [], []

    def work(n: int) -> None:
        try:
            for i in range(per_thread):
                evidence = exchange_fetch("population.hukou", reference=f"APP-GROUP-{n}-{i}")
                results.append((evidence.access_log_id, evidence.reference, evidence.response_id))
        except Exception as exc:  # noqa: BLE001 - reported below
            failures.append(exc)
        finally:
            connections.close_all()

    assert log_writer.enabled()
    workers = [threading.Thread(target=work, args=(n,)) for n in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()

    assert failures == []
    rows = {row.pk: row for row in AccessLog.objects.filter(reference__startswith="APP-GROUP-")}
    assert len(rows) == len(results) == threads * per_thread
    assert all((rows[pk].reference, rows[pk].response_id) == (ref, rid) for pk, ref, rid in results)

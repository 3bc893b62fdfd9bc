"""The sharing gateway (共享网关): grant enforced, granted fields only, masked display, evidence
with provenance bound to the request, rate limits, provider failures; one log row per attempt."""

import contextlib
import socket
import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from onevisit.core.errors import RateLimited, ValidationFailed
from onevisit.exchange import errors, ratelimit, services
from onevisit.exchange.hashing import canonical_json, response_id_matches, sha256_hex
from onevisit.exchange.models import AccessLog

from .exchange_registries import BROKEN, CHILD, ENTERPRISE, LI, SLOW, WANG


def last_log() -> AccessLog:
    return AccessLog.objects.order_by("-id").first()


# --- the acceptance path: hukou and marriage data for a matter, only through a grant ------------

def test_with_grants_a_department_gets_the_citizens_hukou_and_marriage_data(exchange_grant, exchange_fetch):
    exchange_grant("population.hukou")
    exchange_grant("marriage.status")

    hukou = exchange_fetch("population.hukou")
    marriage = exchange_fetch("marriage.status")

    assert hukou.records[0].data["household_number"] == "330106012345"
    assert marriage.records[0].data["spouse_id_number"] == LI
    assert [row.outcome for row in AccessLog.objects.order_by("id")] == ["allowed", "allowed"]


def test_without_a_grant_the_answer_is_grant_missing_and_logged(exchange_catalogue, exchange_fetch):
    with pytest.raises(errors.GrantMissing) as denied:
        exchange_fetch("population.hukou")

    assert denied.value.status == 403
    row = last_log()
    assert (row.outcome, row.error_code, row.item, row.subject) == ("denied", "grant_missing", "population.hukou", WANG)


def test_a_not_shared_item_is_never_served(exchange_catalogue, exchange_fetch):
    with pytest.raises(errors.ItemNotShared) as denied:
        exchange_fetch("health.vaccination")

    assert denied.value.code == "item_not_shared"
    assert last_log().error_code == "item_not_shared"


def test_a_grant_for_one_matter_does_not_serve_another_purpose(exchange_grant, exchange_fetch):
    exchange_grant("population.hukou", purpose="DEMO-M01")

    with pytest.raises(errors.PurposeMismatch) as denied:
        exchange_fetch("population.hukou", purpose="DEMO-M09")

    assert denied.value.status == 403
    assert (last_log().outcome, last_log().error_code, last_log().purpose) == ("denied", "purpose_mismatch", "DEMO-M09")


def test_every_attempt_allowed_or_not_is_in_the_log(exchange_grant, exchange_fetch, exchange_clerk):
    exchange_grant("population.hukou")
    attempts = [("population.hukou", "DEMO-M01"), ("marriage.status", "DEMO-M01"), ("population.hukou", "DEMO-M07"),
                ("health.vaccination", "DEMO-M01")]
    for item, purpose in attempts:
        with contextlib.suppress(errors.AccessDenied):
            exchange_fetch(item, purpose=purpose, reference="APP-2026-000777")

    rows = list(AccessLog.objects.order_by("id"))
    assert [(r.item, r.purpose, r.outcome, r.error_code) for r in rows] == [
        ("population.hukou", "DEMO-M01", "allowed", ""),
        ("marriage.status", "DEMO-M01", "denied", "grant_missing"),
        ("population.hukou", "DEMO-M07", "denied", "purpose_mismatch"),
        ("health.vaccination", "DEMO-M01", "denied", "item_not_shared"),
    ]
    assert {(r.acting_user_id, r.consumer.code, r.reference) for r in rows} == {
        (exchange_clerk.pk, "330106-PSB", "APP-2026-000777")}


# --- grant rules ----------------------------------------------------------------------------------

def test_only_granted_fields_are_returned(exchange_grant, exchange_fetch):
    exchange_grant("population.hukou", fields=["household_number", "relation"])

    evidence = exchange_fetch("population.hukou")

    assert evidence.fields == ("household_number", "relation")
    assert set(evidence.records[0].data) == {"household_number", "relation"}


def test_asking_for_fields_beyond_the_grant_is_refused_naming_them(exchange_grant, exchange_fetch):
    exchange_grant("population.hukou", fields=["household_number"])

    with pytest.raises(errors.FieldsNotGranted) as denied:
        exchange_fetch("population.hukou", fields=["household_number", "address"])

    assert denied.value.details == {"fields": ["address"]}
    assert last_log().fields == ["address", "household_number"]


def test_a_field_reclassified_as_not_shared_stops_at_the_gateway(exchange_grant, exchange_fetch):
    exchange_grant("population.person")

    with pytest.raises(errors.ItemNotShared):
        exchange_fetch("population.person", fields=["sex", "ethnicity"])
    assert exchange_fetch("population.person", fields=["sex"]).records[0].data == {"sex": "男"}


def test_an_expired_grant_serves_nothing(exchange_grant, exchange_fetch):
    grant = exchange_grant("population.hukou")
    type(grant).objects.filter(pk=grant.pk).update(expires_at=timezone.now())

    with pytest.raises(errors.GrantExpired):
        exchange_fetch("population.hukou")
    assert last_log().grant_id == grant.pk


def test_a_revoked_grant_serves_nothing(exchange_grant, exchange_fetch, exchange_owner_officers):
    grant = exchange_grant("population.hukou")
    services.grant_revoke(grant_id=grant.pk, revoked_by=exchange_owner_officers["PSB"], reason="停止共享")

    with pytest.raises(errors.GrantRevoked):
        exchange_fetch("population.hukou")


def test_an_item_reclassified_as_not_shared_is_refused_despite_a_grant(exchange_grant, exchange_fetch):
    grant = exchange_grant("population.hukou")
    grant.item.__class__.objects.filter(pk=grant.item_id).update(sharing_class="not_shared")

    with pytest.raises(errors.ItemNotShared):
        exchange_fetch("population.hukou")


def test_another_departments_grant_does_not_help(exchange_grant, exchange_fetch, exchange_departments,
                                                exchange_make_staff):
    exchange_grant("population.hukou")
    amr_officer = exchange_make_staff("330100-AMR", "hz.amr.officer", ["case_officer"])

    with pytest.raises(errors.GrantMissing):
        exchange_fetch("population.hukou", consumer=exchange_departments["330100-AMR"], acting_user=amr_officer)


def test_staff_act_only_for_their_own_department(exchange_grant, exchange_fetch, exchange_make_staff):
    exchange_grant("population.hukou")
    outsider = exchange_make_staff("330100-AMR", "hz.amr.officer", ["case_officer"])

    with pytest.raises(errors.ActorNotAllowed):
        exchange_fetch("population.hukou", acting_user=outsider)


def test_a_citizen_applying_online_may_fetch_only_their_own_data(exchange_grant, exchange_fetch, citizen):
    exchange_grant("population.person")

    assert exchange_fetch("population.person", acting_user=citizen).records[0].data["name"] == "王小明"
    with pytest.raises(errors.ActorNotAllowed):
        exchange_fetch("population.person", acting_user=citizen, subject=LI)


# --- input ----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("field", "kwargs"), [
    ("subject", {"subject": "330106199003071234"}),
    ("subject", {"subject": ENTERPRISE}),
    ("purpose", {"purpose": ""}),
    ("reference", {"reference": "  "}),
    ("fields", {"fields": ["household_number", "horoscope"]}),
])
def test_bad_input_is_named_and_logged(exchange_grant, exchange_fetch, field, kwargs):
    exchange_grant("population.hukou")

    with pytest.raises(ValidationFailed) as invalid:
        exchange_fetch("population.hukou", **kwargs)

    assert invalid.value.details[0]["field"] == field
    assert (last_log().outcome, last_log().error_code) == ("denied", "validation_failed")


def test_an_enterprise_item_takes_a_uscc(exchange_catalogue, exchange_fetch, exchange_departments, exchange_make_staff,
                                        exchange_grant):
    requester = exchange_make_staff("330100-AMR", "hz.amr.data", ["data_officer"])
    clerk = exchange_make_staff("330100-AMR", "hz.amr.officer", ["case_officer"])
    amr = exchange_departments["330100-AMR"]
    exchange_grant("enterprise.registration", consumer=amr, requested_by=requester, purpose="DEMO-M02")

    evidence = exchange_fetch("enterprise.registration", subject=ENTERPRISE.lower(), purpose="DEMO-M02",
                              consumer=amr, acting_user=clerk)

    assert evidence.subject == ENTERPRISE
    assert evidence.records[0].display["name"] == "杭州西湖示范科技有限公司"  # public: shown as is
    with pytest.raises(ValidationFailed):
        exchange_fetch("enterprise.registration", subject=WANG, purpose="DEMO-M02", consumer=amr, acting_user=clerk)


def test_an_unknown_item_is_404_and_logged(exchange_catalogue, exchange_fetch):
    with pytest.raises(errors.UnknownDataItem):
        exchange_fetch("population.horoscope")
    assert last_log().error_code == "unknown_item"


# --- evidence ---------------------------------------------------------------------------------------

def test_evidence_carries_provenance_and_a_content_hash(exchange_grant, exchange_fetch):
    exchange_grant("population.hukou")

    evidence = exchange_fetch("population.hukou")

    record = evidence.records[0]
    assert (record.source, record.version, record.record_id) == ("population", 3, "population-1")
    assert record.updated_at.year == 2026
    assert evidence.retrieved_at <= timezone.now()
    expected = sha256_hex(canonical_json([
        {"item": "population.hukou", "subject": WANG, "record_id": "population-1", "source": "population",
         "version": 3, "updated_at": record.updated_at, "data": dict(record.data)},
    ]))
    assert evidence.content_hash == expected
    assert last_log().content_hash == expected


def test_the_response_id_binds_the_content_to_this_request(exchange_grant, exchange_fetch):
    exchange_grant("population.hukou")

    first = exchange_fetch("population.hukou", reference="APP-1")
    second = exchange_fetch("population.hukou", reference="APP-2")

    assert first.content_hash == second.content_hash
    assert first.request_hash != second.request_hash
    assert first.response_id != second.response_id
    assert response_id_matches(response_id=first.response_id, request_hash=first.request_hash,
                               content_hash=first.content_hash)
    assert not response_id_matches(response_id=first.response_id, request_hash=second.request_hash,
                                   content_hash=first.content_hash)
    row = AccessLog.objects.get(pk=first.access_log_id)
    assert (row.request_hash, row.response_id) == (first.request_hash, first.response_id)


def test_display_masks_sensitive_personal_data_and_data_stays_whole(exchange_grant, exchange_fetch):
    exchange_grant("marriage.status")
    exchange_grant("population.hukou")

    marriage = exchange_fetch("marriage.status").records[0]
    hukou = exchange_fetch("population.hukou").records[0]

    assert marriage.display["spouse_id_number"] == "330108********0042"
    assert marriage.display["spouse_name"] == "李*"
    assert marriage.data["spouse_name"] == "李华"
    assert marriage.display["status"] == "已婚"  # internal: shown
    assert hukou.display["head_name"] == "王*明"
    assert hukou.display["address"] == "浙江省杭州市****"
    assert hukou.display["police_station"] == hukou.data["police_station"]


def test_no_record_is_an_answer_too(exchange_grant, exchange_fetch):
    exchange_grant("marriage.status")

    evidence = exchange_fetch("marriage.status", subject=CHILD)

    assert evidence.records == ()
    assert (last_log().outcome, last_log().record_count) == ("allowed", 0)


def test_the_response_id_is_the_documented_salted_hmac(settings):
    """Response ids minted before the key was cached must still match: the derivation is
    Django's salted_hmac with the documented salt, SHA-256."""
    from django.utils.crypto import salted_hmac

    from onevisit.exchange.hashing import RESPONSE_KEY_SALT, response_id_for

    for secret in ("one-secret-for-this-test", "another-secret-for-this-test"):
        settings.SECRET_KEY = secret
        expected = salted_hmac(RESPONSE_KEY_SALT, "a" * 64 + ":" + "b" * 64, algorithm="sha256").hexdigest()
        assert response_id_for(request_hash="a" * 64, content_hash="b" * 64) == expected


def test_a_control_character_in_the_reference_is_refused_and_the_attempt_still_logged(exchange_grant, exchange_fetch):
    """A NUL byte cannot be stored: the attempt is refused, and its log row keeps U+FFFD in its
    place (a NUL in a batch of log rows would have failed every call in that batch)."""
    exchange_grant("population.hukou")

    with pytest.raises(ValidationFailed) as refused:
        exchange_fetch("population.hukou", reference="APP-2026\x00-1", fields=["hukou_no\x00"])

    assert "reference" in str(refused.value.details)
    row = last_log()
    assert (row.outcome, row.reference, row.fields) == ("denied", "APP-2026\ufffd-1", ["hukou_no\ufffd"])


# --- rate limit -------------------------------------------------------------------------------------

def test_a_consumer_over_its_rate_is_refused_and_logged(exchange_grant, exchange_fetch, settings):
    exchange_grant("population.hukou")
    settings.ONEVISIT_EXCHANGE_RATE_LIMIT = 3
    settings.ONEVISIT_EXCHANGE_RATE_WINDOW_SECONDS = 60

    for _ in range(3):
        exchange_fetch("population.hukou")
    with pytest.raises(RateLimited) as limited:
        exchange_fetch("population.hukou")

    assert limited.value.status == 429
    assert limited.value.details["limit"] == 3
    assert (last_log().outcome, last_log().error_code) == ("denied", "rate_limited")


def test_the_rate_is_counted_per_consumer(exchange_grant, exchange_fetch, settings, exchange_departments,
                                          exchange_make_staff):
    exchange_grant("population.hukou")
    settings.ONEVISIT_EXCHANGE_RATE_LIMIT = 1
    settings.ONEVISIT_EXCHANGE_RATE_WINDOW_SECONDS = 60
    exchange_fetch("population.hukou")
    amr_clerk = exchange_make_staff("330100-AMR", "hz.amr.officer", ["case_officer"])

    with pytest.raises(errors.GrantMissing):  # not RateLimited: AMR has its own window
        exchange_fetch("population.hukou", consumer=exchange_departments["330100-AMR"], acting_user=amr_clerk)


def test_a_new_window_starts_the_count_again(settings):
    settings.ONEVISIT_EXCHANGE_RATE_LIMIT = 2
    settings.ONEVISIT_EXCHANGE_RATE_WINDOW_SECONDS = 10
    for _ in range(2):
        ratelimit.rate_limit_hit(consumer_id=7, now=1000.0)
    with pytest.raises(RateLimited) as limited:
        ratelimit.rate_limit_hit(consumer_id=7, now=1009.5)
    assert limited.value.details["retry_after"] == 1

    ratelimit.rate_limit_hit(consumer_id=7, now=1010.0)  # the next window
    ratelimit.rate_limit_hit(consumer_id=8, now=1010.0)  # another consumer, its own count


def test_a_shared_cache_counts_the_rate_for_every_process(exchange_grant, exchange_fetch, settings, tmp_path):
    """A cache that is not this process's memory (here files; Redis in production) holds the
    counts, so every process sharing it counts against one window."""
    settings.CACHES = {**settings.CACHES, "shared-rate": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": str(tmp_path)}}
    settings.ONEVISIT_EXCHANGE_RATE_CACHE = "shared-rate"
    settings.ONEVISIT_EXCHANGE_RATE_LIMIT = 2
    settings.ONEVISIT_EXCHANGE_RATE_WINDOW_SECONDS = 60
    exchange_grant("population.hukou")

    exchange_fetch("population.hukou")
    ratelimit.reset_process_counts()  # nothing kept in this process's memory counts
    exchange_fetch("population.hukou")
    with pytest.raises(RateLimited):
        exchange_fetch("population.hukou")


# --- provider failures --------------------------------------------------------------------------------

def test_a_provider_database_down_is_a_503_and_logged_as_failed(exchange_grant, exchange_fetch, settings):
    exchange_grant("population.hukou")

    with pytest.raises(errors.ProviderUnavailableError) as failed:
        exchange_fetch("population.hukou", subject=BROKEN)

    assert (failed.value.status, failed.value.code) == (503, "provider_unavailable")
    assert (last_log().outcome, last_log().error_code) == ("failed", "provider_unavailable")


def test_a_slow_provider_is_cut_off_at_the_timeout(exchange_grant, exchange_fetch, settings):
    exchange_grant("population.hukou")
    settings.ONEVISIT_EXCHANGE_PROVIDER_TIMEOUT = 0.3

    started = time.monotonic()
    with pytest.raises(errors.ProviderTimeoutError) as failed:
        exchange_fetch("population.hukou", subject=SLOW)

    assert time.monotonic() - started < 2
    assert (failed.value.status, failed.value.code) == (504, "provider_timeout")
    assert (last_log().outcome, last_log().error_code) == ("failed", "provider_timeout")
    assert last_log().latency_ms >= 300


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_with_the_providers_server_stopped_a_call_fails_fast_and_is_logged(exchange_grant, exchange_fetch, settings,
                                                                          monkeypatch):
    exchange_grant("population.hukou")
    monkeypatch.setenv("EXCHANGE_TEST_SECRET", "s3cret")
    settings.ONEVISIT_PROVIDERS = {**settings.ONEVISIT_PROVIDERS, "population": {
        "transport": "http", "base_url": f"http://127.0.0.1:{_closed_port()}/registries/population/",
        "client_id": "platform", "client_secret_env": "EXCHANGE_TEST_SECRET", "timeout": 2,
    }}

    started = time.monotonic()
    with pytest.raises(errors.ProviderFailed) as failed:
        exchange_fetch("population.hukou")

    assert time.monotonic() - started < 1.5
    assert failed.value.code == "provider_unavailable"
    assert "数源部门系统" in failed.value.message
    assert (last_log().outcome, last_log().error_code) == ("failed", "provider_unavailable")


# --- the hot path -------------------------------------------------------------------------------------

def test_an_allowed_call_with_warm_caches_costs_one_query_the_log_insert(exchange_grant, exchange_fetch):
    exchange_grant("population.hukou")
    exchange_fetch("population.hukou")  # warms the per-process field and grant caches

    with CaptureQueriesContext(connection) as queries:
        exchange_fetch("population.hukou")

    # On PostgreSQL these run as prepared statements, whose text Django cannot log (None).
    statements = [(q["sql"] or "prepared").split()[0] for q in queries.captured_queries]
    assert statements in (["INSERT"], ["prepared"]), queries.captured_queries

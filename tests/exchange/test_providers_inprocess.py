"""The in-process transport: typed records straight from the registry, but with the promises
of a remote call -- a bounded timeout and typed errors only."""

from __future__ import annotations

import datetime
import threading
import time

import pytest
from django.db import connections
from django.db.utils import ConnectionHandler

from onevisit.exchange.providers.inprocess import InProcessProvider
from onevisit.registries.contract import (
    FieldSpec,
    FieldType,
    InvalidQuery,
    ItemSpec,
    ProviderTimeout,
    ProviderUnavailable,
    Query,
    QueryResult,
    Record,
    RegistryProvider,
    SubjectType,
    UnknownItem,
)

WANG = "330106199003071236"
UPDATED = datetime.datetime(2026, 3, 1, 9, 30, tzinfo=datetime.UTC)

HUKOU = ItemSpec(
    code="civil.hukou", name="户籍信息", name_en="Household registration", subject_type=SubjectType.PERSON,
    fields=(
        FieldSpec("full_name", FieldType.STRING, "姓名", "Full name"),
        FieldSpec("birth_date", FieldType.DATE, "出生日期", "Date of birth"),
        FieldSpec("address", FieldType.STRING, "户籍地址", "Registered address"),
    ),
)


def _spec(code: str) -> ItemSpec:
    return ItemSpec(code=code, name=code, name_en=code, subject_type=SubjectType.PERSON,
                    fields=(FieldSpec("value", FieldType.STRING, "值", "Value"),))


def hukou(subject: str, fields: tuple[str, ...]) -> list[Record]:
    if subject != WANG:
        return []
    return [Record(item="civil.hukou", subject=subject, record_id="HK-0001", source="civil", version=3,
                   updated_at=UPDATED,
                   data={"full_name": "王小明", "birth_date": "1990-03-07", "address": "杭州市西湖区文三路 1 号"})]


def make_registry(**extra_handlers) -> RegistryProvider:
    registry = RegistryProvider(code="civil", name="民政测试登记")
    registry.register(HUKOU, hukou)
    for name, handler in extra_handlers.items():
        registry.register(_spec(f"civil.{name}"), handler)
    return registry


def provider(registry: RegistryProvider, timeout: float = 2.0, **config) -> InProcessProvider:
    return InProcessProvider("civil", {"transport": "inprocess", "timeout": timeout, **config}, registry=registry)


def test_a_query_returns_the_registrys_typed_records_unchanged():
    result = provider(make_registry()).query(Query(item="civil.hukou", subject=WANG), timeout=1)

    assert isinstance(result, QueryResult)
    assert result.records == tuple(hukou(WANG, HUKOU.field_names()))
    (record,) = result.records
    assert type(record) is Record
    assert (record.source, record.version, record.updated_at) == ("civil", 3, UPDATED)
    assert result.retrieved_at.tzinfo is not None


def test_only_the_asked_fields_come_back():
    result = provider(make_registry()).query(Query(item="civil.hukou", subject=WANG, fields=("full_name",)), timeout=1)

    assert [dict(r.data) for r in result.records] == [{"full_name": "王小明"}]


def test_the_item_specs_are_the_registrys():
    assert provider(make_registry()).items() == (HUKOU,)


def test_an_item_the_registry_does_not_publish_is_unknown_item():
    with pytest.raises(UnknownItem) as caught:
        provider(make_registry()).query(Query(item="civil.pets", subject=WANG), timeout=1)
    assert caught.value.provider == "civil"


def test_a_field_the_item_does_not_have_is_an_invalid_query():
    with pytest.raises(InvalidQuery) as caught:
        provider(make_registry()).query(Query(item="civil.hukou", subject=WANG, fields=("salary",)), timeout=1)
    assert caught.value.details == {"fields": ["salary"]}


def test_a_handler_slower_than_the_timeout_gives_provider_timeout_in_time_and_its_late_result_is_dropped():
    finished = threading.Event()

    def slow(subject, fields):
        time.sleep(1.5)
        finished.set()
        return [Record(item="civil.slow", subject=subject, record_id="late", data={"value": "late"},
                       source="civil", version=1, updated_at=UPDATED)]

    started = time.monotonic()
    with pytest.raises(ProviderTimeout) as caught:
        provider(make_registry(slow=slow), timeout=5).query(Query(item="civil.slow", subject=WANG), timeout=0.3)
    elapsed = time.monotonic() - started

    assert 0.3 <= elapsed < 0.7  # the timeout plus a margin for a loaded machine
    assert (caught.value.code, caught.value.provider, caught.value.details) == ("provider_timeout", "civil", {"timeout": 0.3})
    assert finished.wait(3)  # the late call ran to its end; nobody received its record


def test_the_configured_timeout_bounds_a_caller_asking_for_more():
    def slow(subject, fields):
        time.sleep(1)
        return []

    started = time.monotonic()
    with pytest.raises(ProviderTimeout):
        provider(make_registry(slow=slow), timeout=0.2).query(Query(item="civil.slow", subject=WANG), timeout=30)
    assert time.monotonic() - started < 0.6


@pytest.mark.django_db
def test_worker_threads_and_their_connections_are_kept_between_calls():
    seen = []

    def reads(subject, fields):
        seen.append((threading.get_ident(), connections["default"]))
        return []

    p = provider(make_registry(reads=reads), max_in_flight=3)
    for _ in range(20):
        p.query(Query(item="civil.reads", subject=WANG), timeout=2)

    # One call at a time: one worker, reused, with its own database connection kept.
    assert len({ident for ident, _ in seen}) == 1
    assert len({id(conn) for _, conn in seen}) == 1
    assert seen[0][0] != threading.get_ident()
    assert seen[0][1] is not connections["default"]


def test_concurrent_calls_never_start_more_workers_than_slots():
    gate = threading.Barrier(3, timeout=5)
    idents = set()

    def waits(subject, fields):
        idents.add(threading.get_ident())
        gate.wait()
        return []

    p = provider(make_registry(waits=waits), max_in_flight=3)
    for _ in range(4):
        callers = [threading.Thread(target=p.query, args=(Query(item="civil.waits", subject=WANG),),
                                    kwargs={"timeout": 5}) for _ in range(3)]
        for t in callers:
            t.start()
        for t in callers:
            t.join()
    assert len(idents) == 3  # three at once needed three workers; later rounds reused them
    assert p.caller._workers == 3


@pytest.mark.django_db
def test_an_unreachable_registry_database_is_provider_unavailable():
    # A registry whose own database (a file on a volume that is gone) cannot be opened.
    unreachable = ConnectionHandler({"default": {
        "ENGINE": "django.db.backends.sqlite3", "NAME": "/nonexistent/registry/civil.sqlite3",
    }})

    def reads(subject, fields):
        with unreachable["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
        return []

    started = time.monotonic()
    with pytest.raises(ProviderUnavailable) as caught:
        provider(make_registry(reads=reads)).query(Query(item="civil.reads", subject=WANG), timeout=1)

    assert time.monotonic() - started < 0.5
    assert caught.value.details == {"error": "OperationalError"}
    assert caught.value.provider == "civil"


def test_a_registry_bug_is_provider_unavailable_not_a_crash():
    def broken(subject, fields):
        raise KeyError("oops")

    with pytest.raises(ProviderUnavailable) as caught:
        provider(make_registry(broken=broken)).query(Query(item="civil.broken", subject=WANG), timeout=1)
    assert caught.value.details == {"error": "KeyError"}


def test_a_hanging_registry_holds_its_slots_and_further_calls_fail_fast():
    release = threading.Event()

    def hangs(subject, fields):
        release.wait(10)
        return []

    p = provider(make_registry(hangs=hangs), max_in_flight=2)
    try:
        for _ in range(2):
            with pytest.raises(ProviderTimeout):
                p.query(Query(item="civil.hangs", subject=WANG), timeout=0.05)
        started = time.monotonic()
        with pytest.raises(ProviderUnavailable) as caught:
            p.query(Query(item="civil.hangs", subject=WANG), timeout=5)
        assert time.monotonic() - started < 0.2  # at once, not after the 5 s timeout
        assert caught.value.details == {"reason": "too_many_in_flight"}
        # other registries' providers are not affected
        assert provider(make_registry()).query(Query(item="civil.hukou", subject=WANG), timeout=1).records
    finally:
        release.set()
    deadline = time.monotonic() + 2
    while time.monotonic() < deadline:
        try:
            p.query(Query(item="civil.hangs", subject=WANG), timeout=1)
            break
        except ProviderUnavailable:
            time.sleep(0.01)
    else:
        pytest.fail("the slots did not come back once the registry answered")


def test_shared_caller_connections_let_the_worker_see_the_tests_uncommitted_data(citizen):
    from django.contrib.auth import get_user_model

    def accounts(subject, fields):
        found = get_user_model().objects.filter(id_number=subject).exists()
        return [Record(item="civil.accounts", subject=subject, record_id="u", data={"value": str(found)},
                       source="civil", version=1, updated_at=UPDATED)]

    p = provider(make_registry(accounts=accounts), share_caller_connections=True)
    (record,) = p.query(Query(item="civil.accounts", subject=citizen.id_number), timeout=2).records

    assert record.data == {"value": "True"}
    assert connections["default"].in_atomic_block  # the test's transaction is untouched

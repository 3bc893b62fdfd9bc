"""The access log (访问日志): append-only, hash-chained by a sealing step, linear under
concurrent writers; the database itself refuses edits and deletions."""

import threading

import pytest
from django.db import DatabaseError, connections, transaction
from django.db.models import ProtectedError

from onevisit.exchange import errors, services
from onevisit.exchange.hashing import GENESIS_HASH, log_row_hash
from onevisit.exchange.models import AccessLog
from onevisit.exchange.selectors import access_log_for_subject, access_log_verify
from onevisit.exchange.services import _row_values

from .exchange_registries import LI, WANG


@pytest.fixture
def some_attempts(exchange_grant, exchange_fetch):
    exchange_grant("population.hukou")
    exchange_fetch("population.hukou")
    with pytest.raises(errors.GrantMissing):
        exchange_fetch("marriage.status")
    exchange_fetch("population.hukou", reference="APP-2026-000124")
    return list(AccessLog.objects.order_by("id"))


def test_rows_are_written_unsealed_and_sealing_chains_them_in_id_order(some_attempts):
    assert all(row.chain_seq is None and row.row_hash is None for row in some_attempts)

    assert services.access_log_seal() == 3

    rows = list(AccessLog.objects.order_by("id"))
    assert [row.chain_seq for row in rows] == [1, 2, 3]
    assert rows[0].prev_hash == GENESIS_HASH
    assert [row.prev_hash for row in rows[1:]] == [row.row_hash for row in rows[:-1]]
    for row in rows:
        assert row.row_hash == log_row_hash(prev_hash=row.prev_hash, row=_row_values(row))


def test_sealing_again_continues_the_chain(some_attempts, exchange_fetch):
    services.access_log_seal()
    head = AccessLog.objects.get(chain_seq=3)
    exchange_fetch("population.hukou", reference="APP-2026-000125")

    assert services.access_log_seal() == 1
    assert services.access_log_seal() == 0
    newest = AccessLog.objects.get(chain_seq=4)
    assert newest.prev_hash == head.row_hash
    assert access_log_verify().ok


def test_sealing_in_small_batches_gives_the_same_chain(some_attempts):
    assert services.access_log_seal(batch_size=1) == 3
    assert access_log_verify(chunk=1).checked == 3


def test_the_log_says_who_for_whom_what_why_and_how_it_went(some_attempts, exchange_clerk):
    allowed = some_attempts[0]

    assert allowed.acting_user == exchange_clerk
    assert allowed.consumer.code == "330106-PSB"
    assert (allowed.subject, allowed.item, allowed.purpose, allowed.reference) == (
        WANG, "population.hukou", "DEMO-M01", "APP-2026-000123")
    assert allowed.fields == ["address", "head_name", "household_number", "police_station", "relation"]
    assert allowed.outcome == "allowed" and allowed.record_count == 1 and allowed.latency_ms >= 0
    assert allowed.grant_id is not None and len(allowed.response_id) == 64


def test_a_citizen_can_see_who_used_their_data(some_attempts):
    assert [row.item for row in access_log_for_subject(subject=WANG)] == [
        "population.hukou", "marriage.status", "population.hukou"]
    assert not access_log_for_subject(subject=LI).exists()


def test_the_database_refuses_to_delete_a_log_row(some_attempts):
    with pytest.raises(DatabaseError), transaction.atomic():
        AccessLog.objects.filter(pk=some_attempts[0].pk).delete()


def test_the_database_refuses_to_edit_an_unsealed_row(some_attempts):
    with pytest.raises(DatabaseError), transaction.atomic():
        AccessLog.objects.filter(pk=some_attempts[0].pk).update(outcome="denied")


def test_the_database_refuses_to_edit_a_sealed_row_even_its_chain_columns(some_attempts):
    services.access_log_seal()

    with pytest.raises(DatabaseError), transaction.atomic():
        AccessLog.objects.filter(pk=some_attempts[0].pk).update(reference="APP-FORGED")
    with pytest.raises(DatabaseError), transaction.atomic():
        AccessLog.objects.filter(pk=some_attempts[1].pk).update(row_hash="0" * 64)


def test_the_database_refuses_sealing_that_also_changes_content(some_attempts):
    with pytest.raises(DatabaseError), transaction.atomic():
        AccessLog.objects.filter(pk=some_attempts[0].pk).update(chain_seq=1, prev_hash=GENESIS_HASH,
                                                                row_hash="1" * 64, subject=LI)


def test_two_rows_can_never_share_a_predecessor(some_attempts):
    services.access_log_seal(batch_size=1, max_batches=1)
    first = AccessLog.objects.get(chain_seq=1)

    with pytest.raises(DatabaseError), transaction.atomic():
        AccessLog.objects.filter(pk=some_attempts[1].pk).update(chain_seq=2, prev_hash=first.prev_hash,
                                                                row_hash="2" * 64)


def test_two_rows_can_never_share_a_place_in_the_chain(some_attempts):
    services.access_log_seal(batch_size=1, max_batches=1)

    with pytest.raises(DatabaseError), transaction.atomic():
        AccessLog.objects.filter(pk=some_attempts[1].pk).update(chain_seq=1, prev_hash="9" * 64, row_hash="2" * 64)


def test_a_department_or_user_the_log_names_cannot_be_deleted(some_attempts):
    """The log's foreign keys are not declared in the database (no row locks per insert); Django
    still protects what a row names."""
    row = some_attempts[0]
    for named in (row.acting_user, row.consumer):
        with pytest.raises(ProtectedError) as refused, transaction.atomic():
            named.delete()
        assert row in refused.value.protected_objects


# --- concurrency ----------------------------------------------------------------------------------

@pytest.fixture
def clear_log_after(exchange_file_database, access_log_flushable):
    """Threads share a file database; the shared fixture lets the flush empty the log."""


@pytest.mark.django_db(transaction=True)
def test_concurrent_gateway_calls_then_sealing_give_one_linear_chain(clear_log_after, exchange_grant, exchange_fetch,
                                                                     exchange_clerk):
    exchange_grant("population.hukou")
    threads, per_thread, failures = 6, 8, []

    def work(n: int) -> None:
        try:
            for i in range(per_thread):
                exchange_fetch("population.hukou", reference=f"APP-{n}-{i}")
                if i % 3 == 0:
                    services.access_log_seal()  # sealers race the writers and each other
        except Exception as exc:  # noqa: BLE001 - reported below
            failures.append(exc)
        finally:
            connections.close_all()

    workers = [threading.Thread(target=work, args=(n,)) for n in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    services.access_log_seal()

    assert failures == []
    rows = list(AccessLog.objects.order_by("chain_seq"))
    assert len(rows) == threads * per_thread
    assert [row.chain_seq for row in rows] == list(range(1, len(rows) + 1))
    assert len({row.prev_hash for row in rows}) == len(rows)
    report = access_log_verify()
    assert (report.ok, report.checked, report.unsealed) == (True, len(rows), 0)

"""`onevisit audit verify`: recompute the access-log chain; exit 1 naming the first broken row."""

import io
from contextlib import contextmanager

import pytest
from django.core.management import call_command, execute_from_command_line
from django.core.management.base import CommandError
from django.db import connection

from onevisit.exchange import errors, log_triggers, services
from onevisit.exchange.models import AccessLog
from onevisit.exchange.selectors import access_log_verify


@contextmanager
def triggers_off():
    """What someone with direct database access does to tamper: switch the guard off."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Django's foreign keys are deferred: ALTER TABLE refuses while their checks are pending.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("ALTER TABLE exchange_accesslog DISABLE TRIGGER exchange_accesslog_append_only")
        else:
            for statement in log_triggers.drop_statements(connection.vendor):
                cursor.execute(statement)
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("ALTER TABLE exchange_accesslog ENABLE TRIGGER exchange_accesslog_append_only")
            else:
                for statement in log_triggers.create_statements(connection.vendor):
                    cursor.execute(statement)


def raw(sql: str, params: list) -> None:
    with triggers_off(), connection.cursor() as cursor:
        cursor.execute(sql, params)


@pytest.fixture
def sealed_log(exchange_grant, exchange_fetch):
    exchange_grant("population.hukou")
    for n in range(5):
        exchange_fetch("population.hukou", reference=f"APP-2026-00010{n}")
    with pytest.raises(errors.PurposeMismatch):
        exchange_fetch("population.hukou", purpose="DEMO-M09")
    services.access_log_seal()
    return list(AccessLog.objects.order_by("chain_seq"))


def verify() -> str:
    out = io.StringIO()
    call_command("audit", "verify", stdout=out)
    return out.getvalue()


def test_an_intact_chain_verifies_and_reports_the_count(sealed_log):
    assert "6 sealed row(s) verified" in verify()


def test_an_empty_log_verifies(db):
    assert "0 sealed row(s) verified" in verify()


def test_editing_one_row_directly_names_that_row(sealed_log):
    target = sealed_log[3]
    raw("UPDATE exchange_accesslog SET outcome = %s WHERE id = %s", ["denied", target.id])

    with pytest.raises(CommandError) as broken:
        verify()

    assert f"row {target.id}" in str(broken.value)
    assert "content_mismatch" in str(broken.value)


def test_the_command_line_exits_non_zero(sealed_log, capsys):
    target = sealed_log[2]
    raw("UPDATE exchange_accesslog SET purpose = %s WHERE id = %s", ["DEMO-M99", target.id])

    with pytest.raises(SystemExit) as exited:
        execute_from_command_line(["onevisit", "audit", "verify"])

    assert exited.value.code == 1
    assert f"row {target.id}" in capsys.readouterr().err


def test_rehashing_an_edited_row_is_caught_at_the_next_row(sealed_log):
    target, after = sealed_log[1], sealed_log[2]
    raw("UPDATE exchange_accesslog SET subject = %s, row_hash = %s WHERE id = %s",
        ["330108198506120042", "f" * 64, target.id])

    report = access_log_verify()

    assert (report.broken_row_id, report.reason) == (target.id, "content_mismatch")
    assert after.prev_hash != "f" * 64


def test_a_deleted_row_shows_as_a_gap_at_the_row_after_it(sealed_log):
    raw("DELETE FROM exchange_accesslog WHERE id = %s", [sealed_log[2].id])

    report = access_log_verify()

    assert (report.ok, report.broken_row_id, report.reason, report.checked) == (False, sealed_log[3].id, "gap", 2)


def test_a_forged_predecessor_is_named(sealed_log):
    raw("UPDATE exchange_accesslog SET prev_hash = %s WHERE id = %s", ["e" * 64, sealed_log[4].id])

    report = access_log_verify(chunk=2)

    assert (report.broken_row_id, report.reason) == (sealed_log[4].id, "prev_hash_mismatch")


def test_unsealed_rows_are_counted_not_failed_and_seal_chains_them(sealed_log, exchange_fetch):
    exchange_fetch("population.hukou", reference="APP-2026-000200")

    assert "1 not yet sealed" in verify()
    out = io.StringIO()
    call_command("audit", "seal", stdout=out)
    assert "sealed 1" in out.getvalue()
    assert "7 sealed row(s) verified, 0 not yet sealed" in verify()

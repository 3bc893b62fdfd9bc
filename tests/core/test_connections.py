"""Connection upkeep outside Django's request cycle (the exchange lane, provider workers)."""

import threading
import time

import pytest
from django.db import connection, connections

from onevisit.core.connections import _opened_connections, drop_broken_or_aged_connections

pytestmark = pytest.mark.django_db(transaction=True)
closes_connections = pytest.mark.skipif(connection.vendor == "sqlite",
                                        reason="SQLite's in-memory test database is never really closed")


def _in_a_thread(fn):
    """Run fn in a fresh thread (its own connections, as a server thread has); its result."""
    result = {}

    def run():
        try:
            result["value"] = fn()
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    return result["value"]


def test_only_this_threads_opened_connections_are_listed():
    def opened_aliases():
        before = {conn.alias for conn in _opened_connections()}
        connection.ensure_connection()
        return before, {conn.alias for conn in _opened_connections()}

    before, after = _in_a_thread(opened_aliases)
    assert before == set()
    assert after == {"default"}


@closes_connections
def test_a_broken_connection_is_closed_and_a_healthy_one_kept():
    def upkeep():
        connection.ensure_connection()
        connection.errors_occurred = False
        drop_broken_or_aged_connections()
        kept = connection.connection is not None
        connection.errors_occurred = True
        drop_broken_or_aged_connections()
        return kept, connection.connection is None

    kept, closed = _in_a_thread(upkeep)
    assert kept and closed


@closes_connections
def test_an_aged_connection_is_closed():
    def upkeep():
        connection.ensure_connection()
        connection.close_at = time.monotonic() - 1
        drop_broken_or_aged_connections()
        return connection.connection is None

    assert _in_a_thread(upkeep)

"""Database connection upkeep between requests for code that runs outside Django's request cycle.

Django closes broken and aged connections when a request starts and ends
(``close_old_connections``); with ``CONN_HEALTH_CHECKS`` it then pings each connection on its
first use in the next request, a round trip per connection per request. The exchange lane and the
provider worker threads do the same upkeep without the ping: a connection that raised an error,
or grew older than ``CONN_MAX_AGE``, is closed, so one call fails after a database restart, not
every call after it.
"""

import threading
import time

from django.db import connections


def _opened_connections() -> list:
    """This thread's opened connections. Asking Django's handler alias by alias costs a
    thread-local lookup per configured database (thirteen here) on every gateway call, so the
    thread's own storage is read once where asgiref's Local offers it (a sync thread)."""
    local = connections._connections
    get_storage = getattr(local, "_get_storage", None)
    if get_storage is not None:
        storage = get_storage()
        if isinstance(storage, threading.local):  # holds only alias -> connection
            return list(vars(storage).values())
    return [conn for alias in connections.settings if (conn := getattr(local, alias, None)) is not None]


def drop_broken_or_aged_connections() -> None:
    """Close this thread's connections that had an error or outlived ``CONN_MAX_AGE``."""
    now = time.monotonic()
    for conn in _opened_connections():
        if conn.errors_occurred or (conn.close_at is not None and now >= conn.close_at):
            conn.close()

"""Database connection upkeep between requests for code that runs outside Django's request cycle.

Django closes broken and aged connections when a request starts and ends
(``close_old_connections``); with ``CONN_HEALTH_CHECKS`` it then pings each connection on its
first use in the next request, a round trip per connection per request. The exchange lane and the
provider worker threads do the same upkeep without the ping: a connection that raised an error,
or grew older than ``CONN_MAX_AGE``, is closed, so one call fails after a database restart, not
every call after it.
"""

import time

from django.db import connections


def drop_broken_or_aged_connections() -> None:
    """Close this thread's connections that had an error or outlived ``CONN_MAX_AGE``."""
    opened = connections._connections  # the thread's opened connections, by alias
    for alias in connections.settings:
        conn = getattr(opened, alias, None)
        if conn is not None and (conn.errors_occurred or (conn.close_at is not None and time.monotonic() >= conn.close_at)):
            conn.close()

"""Group commit of access-log rows: calls arriving together share one INSERT and one COMMIT.

Every gateway call must have its log row committed before it answers. One INSERT + COMMIT per
call made PostgreSQL spend more CPU on the log than on the lookup (bench/results/exchange.json).
Here a call that finds fewer than ``leaders`` (4) batches being written becomes a leader: it
writes every row waiting at that moment (its own included) in one INSERT on its own connection
(the rows as one JSON parameter, ``sql.insert_many_json``), in autocommit, then wakes their
callers with their row ids. Rows that arrive while all leaders are busy wait for the next one,
the first of them, whom a finishing leader promotes.
No thread is started and no call waits for a timer: a lone call is written at once, as before.
Several batches in flight matter: with one, every call of a process queued behind one fsync,
while PostgreSQL groups the fsyncs of concurrent commits itself (measured in bench/README.md).

Used only where it keeps the old meaning: on PostgreSQL, outside a transaction (a caller inside
``transaction.atomic`` writes its row in that transaction, so a rollback takes the row with it,
as the tests and the application flows expect), and unless
``ONEVISIT_EXCHANGE_LOG_GROUP_COMMIT`` is False. A failed INSERT fails every call of its batch,
as it failed the one call before. The chain is unaffected: rows are chained later in id order by
``services.access_log_seal``.
"""

from __future__ import annotations

import threading
from typing import Any

from django.conf import settings
from django.db import connections

from onevisit.core import sql
from onevisit.exchange.models import AccessLog

MAX_BATCH = 200


class _Row:
    __slots__ = ("values", "done", "lead", "id", "error")

    def __init__(self, values: dict[str, Any]) -> None:
        self.values = values
        self.done = threading.Event()
        self.lead = False
        self.id: int | None = None
        self.error: BaseException | None = None


class GroupCommitWriter:
    def __init__(self, using: str = "default", leaders: int = 4) -> None:
        self.using = using
        self.leaders = leaders
        self._lock = threading.Lock()
        self._pending: list[_Row] = []
        self._writing = 0  # batches being written now

    def write(self, values: dict[str, Any]) -> int:
        """Insert and commit one row; its id. Raises what the INSERT raised."""
        row = _Row(values)
        with self._lock:
            self._pending.append(row)
            if self._writing < self.leaders:
                self._writing += 1
                row.lead = True
        if not row.lead:
            row.done.wait()
        if row.lead:  # first in, or promoted by the leader before us
            self._lead()
        if row.error is not None:
            raise row.error
        assert row.id is not None
        return row.id

    def _lead(self) -> None:
        with self._lock:
            batch, self._pending = self._pending[:MAX_BATCH], self._pending[MAX_BATCH:]
        try:
            ids = sql.insert_many_json(AccessLog, [r.values for r in batch], using=self.using)
            for r, row_id in zip(batch, ids, strict=True):
                r.id = row_id
        except BaseException as exc:  # noqa: BLE001 - handed to every caller of the batch
            for r in batch:
                r.error = exc
        finally:
            with self._lock:
                if self._pending:
                    successor = self._pending[0]
                    successor.lead = True
                    successor.done.set()
                else:
                    self._writing -= 1
            for r in batch:
                r.lead = False
                r.done.set()


_writer = GroupCommitWriter()


def enabled(using: str = "default") -> bool:
    connection = connections[using]
    wanted = getattr(settings, "ONEVISIT_EXCHANGE_LOG_GROUP_COMMIT", True)
    return bool(wanted) and connection.vendor == "postgresql" and not connection.in_atomic_block


def access_log_write(values: dict[str, Any]) -> int:
    """Insert one access-log row (committed on return unless inside the caller's transaction);
    its id."""
    if enabled():
        return _writer.write(values)
    return sql.insert_values(AccessLog, values)

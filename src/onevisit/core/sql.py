"""Hand-written SQL for the few queries on a hot path, still driven by the models.

Building a query with the ORM costs more CPU than PostgreSQL takes to answer it (about 1 ms
against 0.1 ms on the 2-core machine of bench/, see bench/results/exchange.json), and the
sharing gateway makes three per call. These helpers keep column lists, table names and value
conversion in the models' hands: a query here names its tables and joins; the columns come from
``_meta``, rows become real model instances (``Model.from_db``), and inserts go through each
field's own ``pre_save`` / ``get_db_prep_save`` exactly as ``Model.save`` would.

Use them only where a benchmark shows the ORM is the cost; everywhere else use the ORM.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import cache
from typing import Any, TypeVar

import orjson
from django.db import NotSupportedError, connections, router
from django.db.models import Model

M = TypeVar("M", bound=Model)


@cache
def _columns(model: type[Model]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    fields = model._meta.concrete_fields
    return tuple(f.attname for f in fields), tuple(f.column for f in fields)


@cache
def columns(model: type[Model], alias: str, *, using: str = "default") -> str:
    """``alias."col", alias."col2", ...`` for every concrete field, in ``_meta`` order."""
    quote = connections[using].ops.quote_name
    return ", ".join(f"{alias}.{quote(column)}" for column in _columns(model)[1])


@cache
def table(model: type[Model], *, using: str = "default") -> str:
    return connections[using].ops.quote_name(model._meta.db_table)


def width(model: type[Model]) -> int:
    return len(_columns(model)[0])


def instance(model: type[M], row: Sequence[Any], offset: int = 0, *, using: str = "default") -> M:
    """The instance whose columns (as :func:`columns` lists them) start at ``row[offset]``.

    Values pass through each field's ``from_db_value`` (JSON, for instance) like the ORM's.
    """
    attnames, _ = _columns(model)
    connection = connections[using]
    values = []
    for field, value in zip(model._meta.concrete_fields, row[offset:offset + len(attnames)], strict=True):
        for converter in _converters(field, using):
            value = converter(value, field, connection)
        values.append(value)
    return model.from_db(using, attnames, values)


def converters(field, using: str = "default") -> tuple:
    """What the ORM applies to a plain column of ``field`` read from ``using`` (often nothing)."""
    return _converters(field, using)


@cache
def _converters(field, using: str) -> tuple:
    # What the ORM's compiler applies to a plain column: the backend's, then the field's.
    connection = connections[using]
    column = field.get_col(field.model._meta.db_table)
    return (*connection.ops.get_db_converters(column), *column.get_db_converters(connection))


@cache
def _preparing_cursor_class() -> type:
    import psycopg  # only on PostgreSQL

    class PreparingCursor(psycopg.Cursor):
        def execute(self, query, params=None, *, prepare=None, binary=None):
            return super().execute(query, params, prepare=True, binary=binary)

    return PreparingCursor


# One preparing cursor per open PostgreSQL connection, reused by every statement here: creating
# a psycopg cursor (and Django's, only to swap it out) for each statement was a tenth of a
# gateway call's CPU.
_preparing_cursors: weakref.WeakKeyDictionary[Any, Any] = weakref.WeakKeyDictionary()


@contextmanager
def _cursor(using: str) -> Iterator[Any]:
    """A Django cursor wrapper (it connects, logs queries when asked, translates errors) whose
    statements run, on PostgreSQL, through a server-side-binding psycopg cursor that prepares
    them: PostgreSQL plans each of these queries once per connection (planning took longer than
    running them)."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        with connection.cursor() as cursor:
            yield cursor
        return
    connection.validate_thread_sharing()
    connection.validate_no_broken_transaction()
    connection.ensure_connection()
    raw = connection.connection
    preparing = _preparing_cursors.get(raw)
    if preparing is None or preparing.closed:
        preparing = _preparing_cursors[raw] = _preparing_cursor_class()(raw)
    yield connection.make_debug_cursor(preparing) if connection.queries_logged else connection.make_cursor(preparing)


def fetch(sql: str, params: Sequence[Any] | dict[str, Any], *, using: str = "default") -> list[tuple]:
    with _cursor(using) as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


@cache
def _insert_sql(model: type[Model], using: str, returning: bool) -> str:
    quote = connections[using].ops.quote_name
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    sql = (f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(quote(f.column) for f in fields)}) "
           f"VALUES ({', '.join(['%s'] * len(fields))})")
    if returning:
        sql += f" RETURNING {quote(model._meta.pk.column)}"
    return sql


def insert(obj: M, *, using: str = "default") -> M:
    """INSERT ``obj`` (an unsaved instance with an auto primary key) and set its pk.

    Sends no signals; for append-only rows such as the access log.
    """
    model = type(obj)
    connection = connections[using]
    returning = connection.features.can_return_columns_from_insert
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    params = [f.get_db_prep_save(f.pre_save(obj, add=True), connection=connection) for f in fields]
    with _cursor(using) as cursor:
        cursor.execute(_insert_sql(model, using, returning), params)
        obj.pk = cursor.fetchone()[0] if returning else cursor.lastrowid
    obj._state.adding = False
    obj._state.db = using
    return obj


# Field types whose value psycopg / sqlite3 take as it is (get_db_prep_save would return it unchanged).
_AS_IS = frozenset({"CharField", "TextField", "IntegerField", "BigIntegerField", "PositiveIntegerField",
                    "SmallIntegerField", "BooleanField", "ForeignKey"})


@cache
def _insert_plan(model: type[Model], using: str) -> tuple[str, tuple[tuple[Any, str, bool], ...]]:
    connection = connections[using]
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    plan = tuple((f, f.attname, f.get_internal_type() not in _AS_IS) for f in fields)
    return _insert_sql(model, using, connection.features.can_return_columns_from_insert), plan


def _row_params(plan, values: dict[str, Any], connection) -> list[Any]:
    params = []
    for field, attname, prepare in plan:
        value = values[attname] if attname in values else field.get_default()
        params.append(field.get_db_prep_save(value, connection=connection) if prepare else value)
    return params


def insert_values(model: type[Model], values: dict[str, Any], *, using: str = "default") -> int:
    """INSERT one row from ``values`` (attname -> value; a missing field gets its default) and
    return its auto primary key: ``insert`` without building a model instance, for the access
    log's one row per gateway call. Values are converted by their fields like ``Model.save``
    would, except those of plain text, number and foreign-key fields, which need no conversion.
    Sends no signals."""
    connection = connections[using]
    statement, plan = _insert_plan(model, using)
    with _cursor(using) as cursor:
        cursor.execute(statement, _row_params(plan, values, connection))
        return cursor.fetchone()[0] if connection.features.can_return_columns_from_insert else cursor.lastrowid


# Field types a JSON document carries as they are (datetimes as ISO 8601 with their offset).
_JSON_AS_IS = _AS_IS | {"DateTimeField", "DateField", "JSONField", "PositiveBigIntegerField", "FloatField"}


@cache
def _insert_json_plan(model: type[Model], using: str) -> tuple[str, tuple[tuple[Any, str, str], ...]]:
    connection = connections[using]
    quote = connection.ops.quote_name
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    unsupported = [f.name for f in fields if f.get_internal_type() not in _JSON_AS_IS]
    if unsupported:
        raise TypeError(f"insert_many_json: {model.__name__} has fields JSON cannot carry as they are: {unsupported}")
    columns = ", ".join(quote(f.column) for f in fields)
    # One statement text for every batch size (planned once per connection); WITH ORDINALITY
    # and ORDER BY make the rows, and so their identity values, follow the document's order.
    statement = (
        f"INSERT INTO {quote(model._meta.db_table)} ({columns}) "
        f"SELECT {', '.join(f'r.{quote(f.column)}' for f in fields)} "
        f"FROM jsonb_populate_recordset(NULL::{quote(model._meta.db_table)}, %s::jsonb) WITH ORDINALITY AS r "
        f"ORDER BY r.ordinality RETURNING {quote(model._meta.pk.column)}"
    )
    return statement, tuple((f, f.attname, f.column) for f in fields)


def insert_many_json(model: type[Model], rows: Sequence[dict[str, Any]], *, using: str = "default") -> list[int]:
    """INSERT ``rows`` (attname -> value; a missing field gets its default) as one JSON document
    parameter, and return their auto primary keys in the order given. PostgreSQL only.

    For the access log's group commit: a multi-row ``VALUES`` sends one parameter per column per
    row, and converting those cost more than the rest of the insert (bench/README.md); here a
    batch of any size is one statement with one parameter. Only for models whose fields JSON
    carries as they are (text, numbers, booleans, foreign keys, dates, datetimes, JSON)."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        raise NotSupportedError("insert_many_json uses PostgreSQL's jsonb_populate_recordset")
    statement, plan = _insert_json_plan(model, using)
    document = [
        {column: values[attname] if attname in values else field.get_default() for field, attname, column in plan}
        for values in rows
    ]
    with _cursor(using) as cursor:
        cursor.execute(statement, [orjson.dumps(document).decode()])
        # Identity values are drawn in the (ordered) insertion order: ascending ids follow the rows.
        return sorted(row[0] for row in cursor.fetchall())


def select_where(model: type[M], field_name: str, value: Any, *, using: str | None = None) -> list[M]:
    """``model.objects.filter(<field_name>=value)`` (an equality on one column), as instances."""
    using = using or router.db_for_read(model) or "default"
    field = model._meta.get_field(field_name)
    rows = fetch(f"SELECT {columns(model, 't', using=using)} FROM {table(model, using=using)} t "
                 f"WHERE t.{connections[using].ops.quote_name(field.column)} = %s",
                 [field.get_db_prep_value(value, connections[using])], using=using)
    return [instance(model, row, using=using) for row in rows]

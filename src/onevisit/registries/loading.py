"""Bulk loading of the synthetic population into the registries' own databases.

PostgreSQL gets one ``COPY ... FROM STDIN`` per table and chunk; SQLite gets ``executemany``
inside one transaction per chunk with ``synchronous=OFF`` for the load. Each registry records the
plan it holds (``SyntheticLoad``), so seeding again with the same plan skips it, and a different
plan clears and reloads it.
"""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from collections.abc import Callable

from django.apps import apps
from django.db import connections, models, transaction

from onevisit.core.seeding import SeedContext
from onevisit.registries import REGISTRY_CODES
from onevisit.registries.synthesis import (
    TABLES,
    County,
    Population,
    PopulationPlan,
    counties_in_force,
)


def alias_of(code: str) -> str:
    return f"registry_{code}"


def registry_models(code: str) -> list[type[models.Model]]:
    return list(apps.get_app_config(alias_of(code)).get_models())


def marker_model(code: str) -> type[models.Model]:
    return apps.get_model(alias_of(code), "SyntheticLoad")


def is_loaded(code: str, plan: PopulationPlan) -> bool:
    return marker_model(code).objects.using(alias_of(code)).filter(parameters=plan.key).exists()


def registry_clear(code: str) -> None:
    """Empty every table of one registry (its synthetic data and its load marker)."""
    alias = alias_of(code)
    connection = connections[alias]
    tables = [m._meta.db_table for m in registry_models(code)]
    with transaction.atomic(using=alias), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Rows written earlier in the same transaction leave deferred foreign-key checks
            # pending, and TRUNCATE refuses to run over them: fire them first.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("TRUNCATE " + ", ".join(connection.ops.quote_name(t) for t in tables)
                           + " RESTART IDENTITY CASCADE")
        else:
            for table in tables:
                cursor.execute(f"DELETE FROM {connection.ops.quote_name(table)}")  # noqa: S608 - our own table names


def _write(alias: str, table: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
    connection = connections[alias]
    quote = connection.ops.quote_name
    column_list = ", ".join(quote(c) for c in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.copy(f"COPY {quote(table)} ({column_list}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            value_marks = ", ".join(["%s"] * len(columns))
            cursor.executemany(f"INSERT INTO {quote(table)} ({column_list}) VALUES ({value_marks})", rows)  # noqa: S608


def _fast_commit(alias: str) -> None:
    """On PostgreSQL, do not wait for the WAL flush at commit: a crash can lose the last chunks,
    but then the load marker is missing too and the next seed reloads."""
    connection = connections[alias]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO OFF")


def _sqlite_bulk_mode(aliases: list[str], on: bool) -> None:
    """During the load: no fsync (a crash leaves no marker, so the next seed reloads) and a page
    cache big enough for the ID-number indexes, whose random keys otherwise thrash the disk."""
    for alias in aliases:
        connection = connections[alias]
        if connection.vendor == "sqlite" and not connection.in_atomic_block:
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA synchronous=OFF" if on else "PRAGMA synchronous=NORMAL")
                cursor.execute("PRAGMA cache_size=-262144" if on else "PRAGMA cache_size=-2000")


def population_load(plan: PopulationPlan, *, counties: list[County] | None = None, force: bool = False,
                    stdout: Callable[[str], None] = print) -> dict[str, int]:
    """Load the plan's population into every registry that does not hold it yet.

    Returns rows written per table key (empty when every registry already held the plan).
    Idempotent: a registry that holds this plan is left alone; one that holds another plan (or a
    half-finished load, which has no marker) is cleared first.
    """
    stale = [code for code in REGISTRY_CODES if force or not is_loaded(code, plan)]
    if not stale:
        stdout(f"registries: already hold {plan.key}")
        return {}
    for code in stale:
        registry_clear(code)
    targets = {key: (key.split(".")[0], apps.get_model(alias_of(key.split(".")[0]), model_name), columns)
               for key, (model_name, columns) in TABLES.items() if key.split(".")[0] in stale}
    aliases = [alias_of(code) for code in stale]
    counts: Counter[str] = Counter()
    seconds: defaultdict[str, float] = defaultdict(float)
    population = Population(plan, counties if counties is not None else counties_in_force())
    _sqlite_bulk_mode(aliases, on=True)
    try:
        started = time.monotonic()
        for chunk in population.chunks():
            generated = time.monotonic()
            seconds["generate"] += generated - started
            by_code: defaultdict[str, list[str]] = defaultdict(list)
            for key in TABLES:
                if key in targets and chunk.rows[key]:
                    by_code[targets[key][0]].append(key)
            for code, keys in by_code.items():
                write_started = time.monotonic()
                with transaction.atomic(using=alias_of(code)):
                    _fast_commit(alias_of(code))
                    for key in keys:
                        _code, model, columns = targets[key]
                        _write(alias_of(code), model._meta.db_table, columns, chunk.rows[key])
                        counts[key] += len(chunk.rows[key])
                seconds[code] += time.monotonic() - write_started
            started = time.monotonic()
        for code in stale:
            rows = sum(n for key, n in counts.items() if key.startswith(code + "."))
            connection = connections[alias_of(code)]
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    for model in registry_models(code):
                        cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
            marker_model(code).objects.using(alias_of(code)).create(parameters=plan.key, rows=rows)
    finally:
        _sqlite_bulk_mode(aliases, on=False)
    stdout(f"registries: {population.people} people in {population.households} households, "
           f"{population.enterprise_count + 1} enterprises; generated in {seconds.pop('generate', 0.0):.1f}s")
    for code in stale:
        tables = ", ".join(f"{key.split('.')[1]} {counts[key]}" for key in TABLES if key.startswith(code + "."))
        stdout(f"  {code}: {tables} ({seconds[code]:.1f}s)")
    return dict(counts)


def seed_registries(ctx: SeedContext) -> None:
    """Seed step: the population of ``--citizens`` people (and at least ``--enterprises`` employers)."""
    population_load(plan_for(ctx), stdout=ctx.stdout)


def plan_for(ctx: SeedContext) -> PopulationPlan:
    return PopulationPlan(seed=ctx.seed, people=ctx.citizens, enterprises=ctx.enterprises)

"""Fixtures for the jobs tests: a test database other processes can open, worker subprocesses,
and a real Celery worker on the real broker.

How other processes reach the test database:
- PostgreSQL: pytest-django's test database (``test_<name>``) is a normal database; tests that
  need other processes use ``transactional_db`` so that their writes are committed and visible,
  and the subprocesses get a DATABASE_URL naming the test database.
- SQLite: the test database is in memory, which no other process (and, safely, no other thread)
  can open. ``worker_database`` copies it, schema and all, into a file with ``VACUUM INTO`` and
  points the default connection at that file for the module; a second connection keeps the
  in-memory database alive meanwhile, and the original is restored afterwards. The rest of the
  suite keeps its fast in-memory database.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sqlite3
import subprocess
import sys
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection
from kombu import Connection, Exchange, Queue

import jobs.sample_tasks  # noqa: F401 - registers the tasks the tests enqueue
from jobs.helpers import subprocess_env, wait_for
from onevisit.celery import app as celery_app

BROKERS = {
    "rabbitmq": os.environ.get("TEST_RABBITMQ_URL", "amqp://guest:guest@127.0.0.1:5672//"),
    "redis": os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0"),
}
# Nothing listens on port 1: publishing there fails at once, like a broker that is down.
DEAD_BROKERS = {"rabbitmq": "amqp://guest:guest@127.0.0.1:1//", "redis": "redis://127.0.0.1:1/0"}


@pytest.fixture(autouse=True)
def database_backend(settings):
    """Tests choose the Celery backend explicitly; everything else uses the database backend."""
    settings.ONEVISIT_TASK_BACKEND = "database"


# --- a database other processes can open ---------------------------------------------------------


@pytest.fixture(scope="module")
def worker_database(django_db_setup, django_db_blocker, tmp_path_factory) -> Iterator[str]:
    """DATABASE_URL of the test database for subprocesses and threads (see the module docstring)."""
    settings_dict = connection.settings_dict
    if connection.vendor == "postgresql":
        yield _postgres_url(settings_dict)
        return
    if connection.vendor != "sqlite":
        pytest.skip(f"no worker database recipe for {connection.vendor}")
    if not connection.is_in_memory_db():
        yield f"sqlite:///{settings_dict['NAME']}"
        return
    memory_name = settings_dict["NAME"]
    path = tmp_path_factory.mktemp("jobs-db") / "test.sqlite3"
    with django_db_blocker.unblock():
        keeper = sqlite3.connect(memory_name, uri=True)
        keeper.execute("VACUUM INTO ?", (str(path),))
        # Renaming first makes close() really close (Django never closes an in-memory database).
        settings_dict["NAME"] = str(path)
        connection.close()
    try:
        yield f"sqlite:///{path}"
    finally:
        with django_db_blocker.unblock():
            connection.close()
            settings_dict["NAME"] = memory_name
            connection.ensure_connection()
            keeper.close()


def _postgres_url(settings_dict: dict) -> str:
    user = quote(settings_dict.get("USER") or "")
    password = settings_dict.get("PASSWORD")
    credentials = f"{user}:{quote(password)}@" if password else (f"{user}@" if user else "")
    host = settings_dict.get("HOST") or "127.0.0.1"
    port = settings_dict.get("PORT") or 5432
    return f"postgres://{credentials}{host}:{port}/{quote(settings_dict['NAME'])}"


# --- database worker subprocesses ----------------------------------------------------------------


@dataclass
class WorkerProcess:
    process: subprocess.Popen
    log: Path

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


@pytest.fixture
def start_worker(worker_database, tmp_path) -> Iterator:
    """Start `python -m onevisit worker` subprocesses on the test database; all are stopped after."""
    started: list[WorkerProcess] = []

    def start(*args: str) -> WorkerProcess:
        log = tmp_path / f"worker-{len(started)}.log"
        process = subprocess.Popen(
            [sys.executable, "-m", "onevisit", "worker", "--import", "jobs.sample_tasks", "--no-periodic", *args],
            env=subprocess_env(worker_database), stdout=log.open("wb"), stderr=subprocess.STDOUT,
        )
        started.append(WorkerProcess(process, log))
        return started[-1]

    yield start
    for worker in started:
        _stop(worker.process)


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


# --- Celery on the real broker -------------------------------------------------------------------


def require_broker(url: str) -> None:
    """Fail loudly on CI if the broker is not there; elsewhere skip, saying why."""
    try:
        with Connection(url, connect_timeout=2) as probe:
            probe.ensure_connection(max_retries=1, interval_start=0, interval_step=0, timeout=3)
    except Exception as exc:
        reason = f"broker {Connection(url).as_uri()} is not reachable ({exc.__class__.__name__}: {exc})"
        if os.environ.get("CI"):
            pytest.fail(f"{reason}; CI is set, so the broker tests must run", pytrace=False)
        pytest.skip(f"{reason}; start it, or set CI=1 to make this an error")


@contextlib.contextmanager
def celery_app_pointed_at(broker_url: str, queue: str) -> Iterator[None]:
    """Make this process's Celery app publish to ``broker_url`` / ``queue``, then restore it.

    A deployment configures the app once from settings; tests switch brokers within one process,
    so the app's references to the connection pool and to the queue/routing objects it built from
    the old configuration are dropped (Celery internals, test-only). The pools themselves stay
    open: kombu keeps them in a registry by broker URL and hands them out again on switching back.
    """
    saved = celery_app.conf.broker_url, celery_app.conf.task_default_queue

    def apply(url: str, default_queue: str) -> None:
        celery_app._pool = None
        celery_app.__dict__.pop("amqp", None)
        celery_app.conf.broker_url = url
        celery_app.conf.task_default_queue = default_queue

    apply(broker_url, queue)
    try:
        yield
    finally:
        apply(*saved)


@dataclass
class CeleryWorker:
    broker: str
    broker_url: str
    queue: str
    log: Path


@pytest.fixture(scope="module", params=sorted(BROKERS))
def celery_worker(request, worker_database, tmp_path_factory) -> Iterator[CeleryWorker]:
    """A real `celery -A onevisit.celery worker` on the real broker and the test database.

    Parametrised over RabbitMQ and Redis. Each run uses its own queue (and deletes it after), so
    it never takes messages meant for another run or a real deployment on the same broker.
    """
    broker_url = BROKERS[request.param]
    require_broker(broker_url)
    # Mingle and gossip are cluster chatter a single worker does without; it starts faster.
    # Worker heartbeats stay on: without them a RabbitMQ worker takes ~10 s to shut down.
    queue = f"onevisit-test-{uuid.uuid4().hex[:12]}"
    log = tmp_path_factory.mktemp(f"celery-{request.param}") / "worker.log"
    env = subprocess_env(
        worker_database, DJANGO_SETTINGS_MODULE="jobs.celery_test_settings", ONEVISIT_TASK_BACKEND="celery",
        CELERY_BROKER_URL=broker_url, ONEVISIT_TEST_CELERY_QUEUE=queue,
    )
    process = subprocess.Popen(
        [
            sys.executable, "-m", "celery", "-A", "onevisit.celery", "worker", "--pool=solo", "--loglevel=INFO",
            "--concurrency=1", "--without-gossip", "--without-mingle", "--include", "jobs.sample_tasks",
            "-Q", queue, "-n", f"{queue}@%h",
        ],
        env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT,
    )
    try:
        with celery_app_pointed_at(broker_url, queue):
            wait_for(
                lambda: process.poll() is not None or " ready." in log.read_text(errors="replace"),
                timeout=30, what="the Celery worker to start",
            )
            assert process.poll() is None, f"Celery worker exited:\n{log.read_text(errors='replace')}"
            yield CeleryWorker(request.param, broker_url, queue, log)
    finally:
        _stop(process)
        _delete_queue(broker_url, queue)


def _delete_queue(broker_url: str, name: str) -> None:
    """Remove the run's queue and exchange (Celery names both after the default queue).
    Declaring it first lets kombu's Redis transport know, and delete, its binding keys too."""
    with contextlib.suppress(Exception), Connection(broker_url, connect_timeout=2) as cleanup:
        queue = Queue(name, Exchange(name, type="direct"), routing_key=name)(cleanup.default_channel)
        queue.declare()
        queue.delete()
        queue.exchange.delete()

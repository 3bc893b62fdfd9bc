"""The HTTP transport against a real registry server: gunicorn serving the population registry
from a database prepared the way a deployment prepares one (migrate, then seed), in its own
process. The same questions asked in-process and over HTTP give the same records."""

from __future__ import annotations

import base64
import os
import pickle
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from onevisit.exchange.providers.http_transport import HttpProvider
from onevisit.registries.contract import (
    InvalidQuery,
    ProviderRejected,
    ProviderUnavailable,
    Query,
    UnknownItem,
)

PREPARE = """
import django
from django.conf import settings
from django.core.management import call_command
django.setup()
for alias in settings.DATABASES:
    call_command("migrate", database=alias, interactive=False, verbosity=0)
call_command("seed", citizens=30, enterprises=5, only=["core.regions", "registries.population"], verbosity=0)
"""

# Asked in a process of its own against the same database, through the in-process transport.
IN_PROCESS = """
import base64, pickle, sys
import django
django.setup()
from onevisit.exchange.providers import get_provider
from onevisit.exchange.providers.inprocess import InProcessProvider
from onevisit.registries.contract import Query
from onevisit.registries.population.models import Person
subjects = list(Person.objects.using("registry_population").order_by("pk").values_list("id_number", flat=True)[:3])
provider = get_provider("population")
assert isinstance(provider, InProcessProvider), provider
items = provider.items()
results = {(spec.code, subject): provider.query(Query(item=spec.code, subject=subject), timeout=10)
           for spec in items for subject in subjects}
sys.stdout.write(base64.b64encode(pickle.dumps({"subjects": subjects, "items": items, "results": results})).decode())
"""


def server_env(var_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k != "DATABASE_URL" and not k.startswith(("REGISTRY_", "ONEVISIT_PROVIDER_", "ONEVISIT_REGISTRY_"))}
    # The live test database is in memory (SQLite) or uncommitted (PostgreSQL): the server gets
    # its own SQLite files in a var/ of its own.
    env.update(DJANGO_SETTINGS_MODULE="onevisit.conf.dev", ONEVISIT_VAR_DIR=str(var_dir), LOG_LEVEL="WARNING")
    return env


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class RegistryServer:
    process: subprocess.Popen
    base_url: str
    log: Path

    def output(self) -> str:
        return self.log.read_text(errors="replace")[-4000:]


@pytest.fixture(scope="module")
def providers_var_dir(tmp_path_factory) -> Path:
    var_dir = tmp_path_factory.mktemp("registry-server-var")
    prepared = subprocess.run([sys.executable, "-c", PREPARE], env=server_env(var_dir), capture_output=True,
                              text=True, timeout=300)
    assert prepared.returncode == 0, prepared.stderr[-4000:]
    return var_dir


@pytest.fixture(scope="module")
def providers_in_process_answers(providers_var_dir):
    done = subprocess.run([sys.executable, "-c", IN_PROCESS], env=server_env(providers_var_dir),
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-4000:]
    return pickle.loads(base64.b64decode(done.stdout))  # noqa: S301 - our own subprocess's answer


def start_server(var_dir: Path) -> RegistryServer:
    port = free_port()
    log = var_dir / f"gunicorn-{port}.log"
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "onevisit.wsgi:application", "--bind", f"127.0.0.1:{port}",
         "--workers", "1", "--threads", "4", "--graceful-timeout", "2"],
        env=server_env(var_dir), stdout=log.open("wb"), stderr=subprocess.STDOUT,
    )
    server = RegistryServer(process, f"http://127.0.0.1:{port}/registries/population/", log)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        assert process.poll() is None, server.output()
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                return server
        except httpx.HTTPError:
            time.sleep(0.1)
    process.kill()
    pytest.fail(f"the registry server did not come up\n{server.output()}")


def stop_server(server: RegistryServer) -> None:
    if server.process.poll() is None:
        server.process.terminate()
        try:
            server.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.process.kill()
            server.process.wait()


@pytest.fixture(scope="module")
def providers_registry_server(providers_var_dir):
    server = start_server(providers_var_dir)
    yield server
    stop_server(server)


def http_population(base_url: str, env_name: str = "POPULATION_TEST_SECRET", timeout: float = 5) -> HttpProvider:
    return HttpProvider("population", {"transport": "http", "base_url": base_url, "client_id": "platform",
                                       "client_secret_env": env_name, "timeout": timeout})


@pytest.fixture
def population(providers_registry_server, monkeypatch):
    monkeypatch.setenv("POPULATION_TEST_SECRET", "onevisit-demo-registry-secret")  # the demo client
    provider = http_population(providers_registry_server.base_url)
    yield provider
    provider.close()


def test_over_http_the_registry_gives_the_same_records_as_in_process(population, providers_in_process_answers):
    answers = providers_in_process_answers
    assert answers["subjects"] and answers["items"]
    assert population.items() == answers["items"]

    some_records = False
    for (item, subject), in_process in answers["results"].items():
        over_http = population.query(Query(item=item, subject=subject), timeout=5)
        assert over_http.records == in_process.records, (item, subject)
        assert over_http.retrieved_at.tzinfo is not None
        some_records = some_records or bool(over_http.records)
    assert some_records


def test_only_the_asked_fields_travel(population, providers_in_process_answers):
    (item, subject), in_process = next((key, r) for key, r in providers_in_process_answers["results"].items()
                                       if r.records)
    first_field = sorted(in_process.records[0].data)[0]

    result = population.query(Query(item=item, subject=subject, fields=(first_field,)), timeout=5)

    assert [set(r.data) for r in result.records] == [{first_field}] * len(in_process.records)


def test_wrong_credentials_are_provider_rejected(providers_registry_server, monkeypatch):
    monkeypatch.setenv("WRONG_SECRET", "not-the-secret")
    provider = http_population(providers_registry_server.base_url, env_name="WRONG_SECRET")
    try:
        with pytest.raises(ProviderRejected) as caught:
            provider.query(Query(item="population.person", subject="330106199003071236"), timeout=5)
    finally:
        provider.close()
    assert caught.value.details["status"] == 401


def test_an_unknown_item_is_unknown_item(population):
    with pytest.raises(UnknownItem):
        population.query(Query(item="population.pets", subject="330106199003071236"), timeout=5)


def test_a_field_the_item_does_not_have_is_invalid_query(population):
    item = population.items()[0].code
    with pytest.raises(InvalidQuery):
        population.query(Query(item=item, subject="330106199003071236", fields=("salary",)), timeout=5)


def test_a_stopped_server_is_provider_unavailable_within_a_second(providers_var_dir, monkeypatch):
    monkeypatch.setenv("POPULATION_TEST_SECRET", "onevisit-demo-registry-secret")
    server = start_server(providers_var_dir)
    provider = http_population(server.base_url, timeout=5)
    try:
        item = provider.items()[0].code
        provider.query(Query(item=item, subject="330106199003071236"), timeout=5)  # a pooled connection now

        stop_server(server)
        started = time.monotonic()
        with pytest.raises(ProviderUnavailable):
            provider.query(Query(item=item, subject="330106199003071236"), timeout=5)
        assert time.monotonic() - started < 1.0
    finally:
        provider.close()
        stop_server(server)

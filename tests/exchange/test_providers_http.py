"""The HTTP transport against servers that misbehave: every failure is a typed error within the
bounded timeout, and nothing partial is ever returned as an answer.

The real registry server (gunicorn) is in test_providers_http_server.py.
"""

from __future__ import annotations

import contextlib
import http.server
import json
import socket
import threading
import time
from collections.abc import Callable, Iterator

import pytest

from onevisit.exchange.providers.http_transport import HttpProvider
from onevisit.registries.contract import (
    InvalidQuery,
    ProviderRejected,
    ProviderTimeout,
    ProviderUnavailable,
    Query,
    Record,
    UnknownItem,
)

WANG = "330106199003071236"
QUERY = Query(item="civil.hukou", subject=WANG, fields=("full_name",))


def answer(**overrides) -> dict:
    record = {"record_id": "HK-1", "item": "civil.hukou", "subject": WANG, "data": {"full_name": "王小明"},
              "source": "civil", "version": 3, "updated_at": "2026-03-01T17:30:00+08:00"}
    body = {"item": "civil.hukou", "subject": WANG, "retrieved_at": "2026-11-22T10:00:00+08:00", "count": 1,
            "records": [record]}
    for key, value in overrides.items():
        if key.startswith("record_"):
            record[key[len("record_"):]] = value
        else:
            body[key] = value
    return body


Respond = Callable[[http.server.BaseHTTPRequestHandler], None]


@contextlib.contextmanager
def providers_fake_server(respond: Respond) -> Iterator[str]:
    """A tiny http.server in a thread; ``respond`` writes whatever answer the test needs."""

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self):
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            respond(self)

        do_GET = do_POST

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/registries/civil/"
    finally:
        server.shutdown()
        server.server_close()


def send(status: int, body: bytes, *, content_type: str = "application/json", length: int | None = None,
         drip: float = 0.0) -> Respond:
    def respond(handler):
        handler.send_response(status)
        handler.send_header("Content-Type", content_type)
        handler.send_header("Content-Length", str(len(body) if length is None else length))
        handler.end_headers()
        if drip:
            for byte in body:
                handler.wfile.write(bytes([byte]))
                handler.wfile.flush()
                time.sleep(drip)
        else:
            handler.wfile.write(body)
        handler.close_connection = True
    return respond


def send_json(status: int, body) -> Respond:
    return send(status, json.dumps(body, ensure_ascii=False).encode())


def http_provider(base_url: str, timeout: float = 1.0, **config) -> HttpProvider:
    return HttpProvider("civil", {"transport": "http", "base_url": base_url, "client_id": "zj-platform",
                                  "client_secret_env": "CIVIL_SECRET", "timeout": timeout, **config})


@pytest.fixture(autouse=True)
def providers_secret(monkeypatch):
    monkeypatch.setenv("CIVIL_SECRET", "civil-secret")


def query_via(respond: Respond, timeout: float = 1.0, query: Query = QUERY):
    with providers_fake_server(respond) as url:
        provider = http_provider(url, timeout=timeout)
        try:
            return provider.query(query, timeout=timeout)
        finally:
            provider.close()


def test_a_complete_answer_becomes_contract_records():
    result = query_via(send_json(200, answer()))

    (record,) = result.records
    assert type(record) is Record
    assert record.data == {"full_name": "王小明"}
    assert (record.source, record.version, record.updated_at.isoformat()) == ("civil", 3, "2026-03-01T17:30:00+08:00")
    assert result.retrieved_at.isoformat() == "2026-11-22T10:00:00+08:00"


def test_the_request_carries_the_client_credentials_and_the_query():
    seen = []

    def respond(handler):
        seen.append(handler.headers["Authorization"])
        send_json(200, answer())(handler)

    query_via(respond)
    assert seen == ["Bearer zj-platform:civil-secret"]


def test_a_server_that_accepts_but_never_answers_is_provider_timeout_within_the_timeout():
    listener = socket.create_server(("127.0.0.1", 0))
    held = []
    stop = threading.Event()

    def accept():
        listener.settimeout(0.05)
        while not stop.is_set():
            with contextlib.suppress(OSError):
                held.append(listener.accept()[0])  # accept, read nothing, answer nothing

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    provider = http_provider(f"http://127.0.0.1:{listener.getsockname()[1]}/registries/civil/", timeout=0.5)
    try:
        started = time.monotonic()
        with pytest.raises(ProviderTimeout) as caught:
            provider.query(QUERY, timeout=0.5)
        elapsed = time.monotonic() - started
    finally:
        stop.set()
        thread.join()
        provider.close()
        for conn in held:
            conn.close()
        listener.close()
    assert 0.5 <= elapsed < 0.9, elapsed
    assert caught.value.provider == "civil"


def test_an_answer_dripping_in_slower_than_the_deadline_is_provider_timeout_at_the_deadline():
    body = json.dumps(answer()).encode()
    started = time.monotonic()
    with pytest.raises(ProviderTimeout):
        query_via(send(200, body, drip=0.02), timeout=0.5)  # every read is quick; the whole is too slow
    assert time.monotonic() - started < 0.9


def test_nobody_listening_is_provider_unavailable_at_once():
    with socket.create_server(("127.0.0.1", 0)) as s:
        port = s.getsockname()[1]
    provider = http_provider(f"http://127.0.0.1:{port}/registries/civil/", timeout=5)
    started = time.monotonic()
    with pytest.raises(ProviderUnavailable) as caught:
        provider.query(QUERY)
    assert time.monotonic() - started < 0.5
    assert caught.value.details["error"] == "ConnectError"


def test_a_name_that_does_not_resolve_is_provider_unavailable():
    provider = http_provider("http://registry.invalid/registries/civil/", timeout=3)
    with pytest.raises((ProviderUnavailable, ProviderTimeout)):
        provider.query(QUERY)


def test_json_cut_short_is_provider_unavailable():
    body = json.dumps(answer()).encode()
    with pytest.raises(ProviderUnavailable) as caught:
        query_via(send(200, body[: len(body) // 2]))  # a well-framed answer whose JSON stops mid-way
    assert caught.value.details["error"] == "malformed_answer"


def test_a_connection_closed_before_the_announced_length_is_provider_unavailable():
    body = json.dumps(answer()).encode()
    with pytest.raises(ProviderUnavailable) as caught:
        query_via(send(200, body[: len(body) // 2], length=len(body)))
    assert caught.value.details["error"] == "RemoteProtocolError"


@pytest.mark.parametrize("body", [
    answer(count=2),  # says two, holds one: something was lost
    answer(record_subject="110101199001011237"),  # someone else's record
    answer(subject="110101199001011237"),
    answer(record_item="civil.marriage"),
    answer(record_source="tax"),
    answer(record_data={"full_name": "王小明", "address": "杭州"}),  # a field that was not asked for
    answer(record_updated_at="2026-03-01T17:30:00"),  # no offset: when was that?
    answer(record_updated_at="yesterday"),
    answer(record_version="3"),
    answer(records={"0": {}}),
    answer(unexpected="x"),
    {"item": "civil.hukou"},
    [],
])
def test_an_answer_that_is_not_exactly_complete_is_provider_unavailable(body):
    with pytest.raises(ProviderUnavailable) as caught:
        query_via(send_json(200, body))
    assert caught.value.details["error"] == "malformed_answer"


def test_an_answer_that_is_not_json_is_provider_unavailable():
    with pytest.raises(ProviderUnavailable):
        query_via(send(200, b"<html>gateway</html>", content_type="text/html"))


@pytest.mark.parametrize("status, code, error", [
    (401, "provider_rejected", ProviderRejected),
    (403, "forbidden", ProviderRejected),
    (404, "unknown_item", UnknownItem),
    (404, "", ProviderUnavailable),  # no such endpoint: misconfigured base_url
    (422, "invalid_query", InvalidQuery),
    (429, "rate_limited", ProviderUnavailable),
    (500, "internal_error", ProviderUnavailable),
    (503, "provider_unavailable", ProviderUnavailable),
    (302, "", ProviderUnavailable),
    (400, "bad_request", ProviderRejected),
])
def test_error_statuses_map_to_the_contracts_errors(status, code, error):
    body = {"code": code, "message": "m", "details": {}} if code else {"detail": "Not Found"}
    with pytest.raises(error) as caught:
        query_via(send_json(status, body))
    assert caught.value.details["status"] == status
    assert caught.value.provider == "civil"


def test_an_error_page_that_is_not_json_still_maps_by_status():
    with pytest.raises(ProviderUnavailable):
        query_via(send(502, b"Bad Gateway", content_type="text/plain"))


def test_item_specs_are_read_strictly_and_kept_for_a_while():
    calls = []
    items = {"registry": "civil", "name": "民政", "items": [{
        "code": "civil.hukou", "name": "户籍", "name_en": "Hukou", "subject_type": "person",
        "update_frequency": "realtime",
        "fields": [{"name": "full_name", "type": "string", "label": "姓名", "label_en": "Name", "sensitivity": "internal"}],
    }]}

    def respond(handler):
        calls.append(handler.path)
        send_json(200, items)(handler)

    with providers_fake_server(respond) as url:
        provider = http_provider(url)
        (spec,) = provider.items()
        provider.items()
    assert spec.code == "civil.hukou" and spec.fields[0].name == "full_name"
    assert calls == ["/registries/civil/v1/items"]

    items["items"][0]["subject_type"] = "alien"
    with providers_fake_server(send_json(200, items)) as url, pytest.raises(ProviderUnavailable):
        http_provider(url).items()

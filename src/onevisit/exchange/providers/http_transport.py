"""The HTTP transport: a registry's own JSON API on another organisation's server.

One ``httpx.Client`` per provider keeps a pool of connections that all threads share. Each
call has a connect timeout, a read timeout and, over both, the hard deadline of
:mod:`.bounded`. Errors map to the contract's types:

===================================================  =======================
connection refused, DNS, reset, 5xx, 429, redirect   ProviderUnavailable
connect / read / write / pool timeout, deadline      ProviderTimeout
401, 403, other 4xx                                  ProviderRejected
404 ``unknown_item``                                 UnknownItem
422                                                  InvalidQuery
truncated, malformed or inconsistent JSON            ProviderUnavailable
===================================================  =======================
"""

from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Mapping
from typing import Any

import httpx
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from onevisit.registries.contract import (
    InvalidQuery,
    ItemSpec,
    ProviderError,
    ProviderRejected,
    ProviderTimeout,
    ProviderUnavailable,
    Query,
    QueryResult,
    UnknownItem,
)

from . import wire
from .base import ProviderAdapter
from .registry import register_transport

MAX_ANSWER_BYTES = 8 * 1024 * 1024


def _no_constants(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


@register_transport("http")
class HttpProvider(ProviderAdapter):
    """Options: ``base_url`` (the registry's API root, ending in ``/registries/<code>/``),
    ``client_id``, ``client_secret_env`` (name of the environment variable holding the
    secret), ``connect_timeout`` (default 1 s, never more than ``timeout``),
    ``max_connections`` (pool size, default 20), ``items_ttl`` (seconds to keep the item
    list, default 300), ``verify`` (TLS: true, false or a CA bundle path), ``trust_env``
    (use HTTP(S)_PROXY from the environment; default false)."""

    options = frozenset({
        "base_url", "client_id", "client_secret_env", "connect_timeout", "max_connections", "items_ttl",
        "verify", "trust_env",
    })

    def __init__(self, code: str, config: Mapping[str, Any]) -> None:
        super().__init__(code, config)
        base_url = str(config.get("base_url") or "")
        if not base_url.startswith(("http://", "https://")):
            raise ImproperlyConfigured(f"ONEVISIT_PROVIDERS[{code!r}]: base_url must be an http(s) URL")
        self.base_url = base_url if base_url.endswith("/") else base_url + "/"
        self.client_id = str(config.get("client_id") or "")
        if not self.client_id or ":" in self.client_id:
            raise ImproperlyConfigured(f"ONEVISIT_PROVIDERS[{code!r}]: client_id is required and has no ':'")
        secret = self._secret(code, config)
        self.connect_timeout = min(float(config.get("connect_timeout", 1.0)), self.timeout)
        self.items_ttl = float(config.get("items_ttl", 300))
        max_connections = int(config.get("max_connections", 20))
        self._client = httpx.Client(
            base_url=self.base_url,
            headers={
                "Authorization": f"Bearer {self.client_id}:{secret}",
                "Accept": "application/json",
                "User-Agent": "onevisit-exchange",
            },
            limits=httpx.Limits(max_connections=max_connections, max_keepalive_connections=max_connections),
            follow_redirects=False,
            trust_env=bool(config.get("trust_env", False)),
            verify=config.get("verify", True),
        )
        self._items: tuple[ItemSpec, ...] | None = None
        self._items_at = 0.0
        self._items_lock = threading.Lock()

    @staticmethod
    def _secret(code: str, config: Mapping[str, Any]) -> str:
        env_name = str(config.get("client_secret_env") or "")
        secret = os.environ.get(env_name, "") if env_name else ""
        if not secret:
            # Only the demo settings define a demo secret; production must set the variable.
            secret = getattr(settings, "ONEVISIT_REGISTRY_DEMO_SECRET", "")
        if not secret:
            raise ImproperlyConfigured(
                f"provider {code}: set the client secret in the environment variable {env_name or '(client_secret_env)'}"
            )
        return secret

    # --- the Provider protocol --------------------------------------------------------------

    def items(self) -> tuple[ItemSpec, ...]:
        with self._items_lock:
            if self._items is not None and time.monotonic() - self._items_at < self.items_ttl:
                return self._items
        body = self.caller.call(lambda: self._exchange("GET", "v1/items", None, self.timeout), timeout=self.timeout)
        specs = self._decode(lambda: wire.item_specs(body, provider=self.code))
        with self._items_lock:
            self._items, self._items_at = specs, time.monotonic()
        return specs

    def query(self, query: Query, *, timeout: float | None = None) -> QueryResult:
        deadline = self.effective_timeout(timeout)
        payload = {"item": query.item, "subject": query.subject,
                   "fields": list(query.fields) if query.fields is not None else None}
        body = self.caller.call(lambda: self._exchange("POST", "v1/query", payload, deadline), timeout=deadline)
        return self._decode(lambda: wire.query_result(body, provider=self.code, query=query))

    def close(self) -> None:
        self._client.close()

    # --- one request ------------------------------------------------------------------------

    def _exchange(self, method: str, path: str, payload: Any, deadline: float) -> Any:
        """One request, the whole answer read and parsed as JSON; typed errors otherwise."""
        timeout = httpx.Timeout(connect=self.connect_timeout, read=deadline, write=deadline, pool=deadline)
        try:
            with self._client.stream(method, path, json=payload, timeout=timeout) as response:
                raw = self._read(response)
        except httpx.TimeoutException as exc:
            raise ProviderTimeout(f"{self.code}: {type(exc).__name__}", provider=self.code,
                                  details={"error": type(exc).__name__}) from exc
        except httpx.HTTPError as exc:
            # ConnectError (refused, DNS), ReadError, RemoteProtocolError (closed mid-answer) ...
            raise ProviderUnavailable(f"{self.code}: {type(exc).__name__}: {exc}", provider=self.code,
                                      details={"error": type(exc).__name__}) from exc
        body = self._parse(response, raw)
        if response.status_code != 200:
            raise self._status_error(response.status_code, body)
        return body

    def _read(self, response: httpx.Response) -> bytes:
        chunks, size = [], 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > MAX_ANSWER_BYTES:
                raise ProviderUnavailable(f"{self.code}: answer larger than {MAX_ANSWER_BYTES} bytes",
                                          provider=self.code, details={"error": "answer_too_large"})
            chunks.append(chunk)
        return b"".join(chunks)

    def _parse(self, response: httpx.Response, raw: bytes) -> Any:
        content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
        if content_type != "application/json":
            if response.status_code != 200:
                raise self._status_error(response.status_code, None)
            raise ProviderUnavailable(f"{self.code}: answer is {content_type or 'untyped'}, not JSON",
                                      provider=self.code, details={"error": "not_json"})
        try:
            return json.loads(raw, parse_constant=_no_constants)
        except ValueError as exc:  # includes a body cut short and invalid UTF-8
            raise ProviderUnavailable(f"{self.code}: malformed JSON answer: {exc}", provider=self.code,
                                      details={"error": "malformed_answer", "status": response.status_code}) from exc

    def _status_error(self, status: int, body: Any) -> ProviderError:
        code, message, details = wire.error_body(body)
        message = f"{self.code}: HTTP {status}" + (f" {code}: {message}" if code else "")
        details = {"status": status, "remote_code": code, **details}
        if status in (401, 403):
            return ProviderRejected(message, provider=self.code, details=details)
        if status == 404 and code == "unknown_item":
            return UnknownItem(message, provider=self.code, details=details)
        if status == 422:
            return InvalidQuery(message, provider=self.code, details=details)
        if status == 429 or status >= 500 or status < 400 or status == 404:
            # 404 without unknown_item: wrong base_url or a registry that is not served there.
            return ProviderUnavailable(message, provider=self.code, details=details)
        return ProviderRejected(message, provider=self.code, details=details)

    def _decode(self, parse: Any) -> Any:
        try:
            return parse()
        except wire.MalformedAnswer as exc:
            raise ProviderUnavailable(f"{self.code}: malformed answer: {exc}", provider=self.code,
                                      details={"error": "malformed_answer"}) from exc

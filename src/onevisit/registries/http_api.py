"""Each registry's own provider API over HTTP: what another organisation's server would offer.

    GET  /registries/<code>/v1/items    the item specs the registry publishes
    POST /registries/<code>/v1/query    {"item", "subject", "fields"} -> the records

Plain JSON views on purpose, not part of the platform's ``/api/v1``: they stand for a
department's server, speak only the contract (``contract.py``), and know nothing of the
exchange. Callers authenticate as a client: ``Authorization: Bearer <client_id>:<secret>``,
checked against ``settings.ONEVISIT_REGISTRY_CLIENTS`` (client id -> SHA-256 hex of the secret),
so the server keeps no secret it could leak. Machine-to-machine: no sessions, no CSRF.
Errors are ``{"code", "message", "details"}`` with the contract's error codes.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.db import Error as DatabaseError
from django.http import HttpRequest, JsonResponse
from django.utils.module_loading import import_string
from django.views.decorators.csrf import csrf_exempt

from .contract import (
    InvalidQuery,
    ItemSpec,
    ProviderError,
    ProviderRejected,
    ProviderTimeout,
    ProviderUnavailable,
    Query,
    QueryResult,
    RegistryProvider,
    UnknownItem,
)

log = logging.getLogger(__name__)

STATUS = {
    UnknownItem: 404,
    InvalidQuery: 422,
    ProviderRejected: 403,
    ProviderUnavailable: 503,
    ProviderTimeout: 504,
}
# Compared against when the client id is unknown, so that both cases take the same time.
_NO_CLIENT = hashlib.sha256(b"no such client").hexdigest()


def _json(body: dict[str, Any], status: int = 200, **headers: str) -> JsonResponse:
    response = JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False},
                            encoder=json.JSONEncoder)
    response["Cache-Control"] = "no-store"
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return response


def _error(status: int, code: str, message: str, details: dict[str, Any] | None = None, **headers: str) -> JsonResponse:
    return _json({"code": code, "message": message, "details": details or {}}, status=status, **headers)


def registry_provider(code: str) -> RegistryProvider | None:
    """The registry served under ``code``: an installed ``onevisit.registries.<code>`` app's
    ``provider.PROVIDER``, or one named in ``ONEVISIT_REGISTRY_HTTP_EXTRA`` (code -> dotted
    path; for reference registries outside this package, e.g. in tests)."""
    extra = getattr(settings, "ONEVISIT_REGISTRY_HTTP_EXTRA", {}) or {}
    if code in extra:
        provider = import_string(extra[code])
    elif apps.is_installed(f"{__package__}.{code}") and code.isidentifier():
        try:
            provider = import_string(f"{__package__}.{code}.provider.PROVIDER")
        except ImportError:
            return None
    else:
        return None
    return provider if isinstance(provider, RegistryProvider) else None


def authenticated_client(request: HttpRequest) -> str | None:
    """The client id whose credentials the request carries, or None."""
    scheme, _, credentials = request.headers.get("Authorization", "").partition(" ")
    client_id, sep, secret = credentials.strip().partition(":")
    if scheme.lower() != "bearer" or not sep or not client_id or not secret:
        return None
    clients = getattr(settings, "ONEVISIT_REGISTRY_CLIENTS", {}) or {}
    expected = str(clients.get(client_id) or _NO_CLIENT).lower()
    presented = hashlib.sha256(secret.encode()).hexdigest()
    if hmac.compare_digest(presented, expected) and client_id in clients:
        return client_id
    return None


def _guard(request: HttpRequest, code: str, method: str) -> tuple[RegistryProvider | None, JsonResponse | None]:
    if request.method != method:
        return None, _error(405, "method_not_allowed", f"use {method}", Allow=method)
    client = authenticated_client(request)
    if client is None:
        return None, _error(401, "provider_rejected", "missing or wrong client credentials",
                            WWW_Authenticate='Bearer realm="registry"')
    registry = registry_provider(code)
    if registry is None:
        return None, _error(404, "unknown_registry", f"no registry {code!r} is served here")
    request.registry_client = client  # type: ignore[attr-defined]
    return registry, None


def item_spec_json(spec: ItemSpec) -> dict[str, Any]:
    return {
        "code": spec.code, "name": spec.name, "name_en": spec.name_en,
        "subject_type": str(spec.subject_type), "update_frequency": spec.update_frequency,
        "fields": [
            {"name": f.name, "type": str(f.type), "label": f.label, "label_en": f.label_en,
             "sensitivity": str(f.sensitivity)}
            for f in spec.fields
        ],
    }


def query_result_json(query: Query, result: QueryResult) -> dict[str, Any]:
    return {
        "item": query.item,
        "subject": query.subject,
        "retrieved_at": result.retrieved_at.isoformat(),
        "count": len(result.records),
        "records": [
            {"record_id": r.record_id, "item": r.item, "subject": r.subject, "data": dict(r.data),
             "source": r.source, "version": r.version, "updated_at": r.updated_at.isoformat()}
            for r in result.records
        ],
    }


@csrf_exempt
def items(request: HttpRequest, code: str) -> JsonResponse:
    registry, refusal = _guard(request, code, "GET")
    if refusal is not None:
        return refusal
    assert registry is not None
    return _json({"registry": registry.code, "name": registry.name,
                  "items": [item_spec_json(spec) for spec in registry.items()]})


def _parse_query(request: HttpRequest) -> Query:
    try:
        body = json.loads(request.body)
    except RequestDataTooBig:
        raise InvalidQuery("the body is too large", details={"reason": "too_large"}) from None
    except (ValueError, UnicodeDecodeError):
        raise InvalidQuery("the body is not JSON", details={"reason": "not_json"}) from None
    if not isinstance(body, dict) or not {"item", "subject"} <= set(body) or set(body) - {"item", "subject", "fields"}:
        raise InvalidQuery('expected an object {"item", "subject", "fields"}', details={"reason": "shape"})
    item, subject, fields = body["item"], body["subject"], body.get("fields")
    if not isinstance(item, str) or not item or not isinstance(subject, str) or not subject.strip():
        raise InvalidQuery("item and subject must be non-empty strings", details={"reason": "shape"})
    if fields is not None and (not isinstance(fields, list) or not all(isinstance(f, str) for f in fields)):
        raise InvalidQuery("fields must be a list of field names or null", details={"reason": "shape"})
    return Query(item=item, subject=subject.strip(), fields=tuple(fields) if fields is not None else None)


@csrf_exempt
def query(request: HttpRequest, code: str) -> JsonResponse:
    registry, refusal = _guard(request, code, "POST")
    if refusal is not None:
        return refusal
    assert registry is not None
    try:
        asked = _parse_query(request)
        result = registry.query(asked)
    except ProviderError as exc:
        status = next((s for cls, s in STATUS.items() if isinstance(exc, cls)), 500)
        return _error(status, exc.code, str(exc), exc.details)
    except DatabaseError as exc:
        log.warning("registry %s: database error: %s", code, exc)
        return _error(503, ProviderUnavailable.code, "the registry's database is unavailable")
    except Exception:
        log.exception("registry %s failed on %s", code, request.path)
        return _error(500, "internal_error", "the registry failed to answer")
    log.info("registry %s: client %s queried %s, %d record(s)", code, request.registry_client,  # type: ignore[attr-defined]
             asked.item, len(result.records))
    try:
        return _json(query_result_json(asked, result))
    except (TypeError, ValueError):
        log.exception("registry %s returned a value that is not JSON for %s", code, asked.item)
        return _error(500, "internal_error", "the registry's answer could not be encoded")

"""The exchange lane (共享网关专用通道): ``POST /api/v1/exchange/fetch`` for systems, served
without Django's middleware, URL resolver and django-ninja's machinery.

A department's system calling the gateway with an API token gets nothing from the middleware
stack (sessions, CSRF, messages, clickjacking, axes, whitenoise are for browsers), yet paid for
all of it on every call (bench/results/exchange.json). :func:`wrap` puts this lane in front of
Django's WSGI application: a bearer-token POST to the fetch path is answered here; everything
else, including a browser's fetch with its session cookie, goes to Django unchanged.

The lane only translates HTTP: the governance rules stay in ``gateway.gateway_fetch``, the body
is validated by the same ``FetchIn`` schema, the answer has the fields of the same ``EvidenceOut``
as the django-ninja operation (which serves the OpenAPI document and browsers), and errors
are the same ``{"code", "message", "details"}`` bodies with the same statuses.

Per call: upkeep of this thread's database connections as Django does between requests (without
its health-check ping, see ``core.connections``), the token's user from a short per-process cache
(``accounts.token_cache``), the gateway call (its access-log row is committed before we answer),
and the language from Accept-Language as the API's middleware would choose it.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.core.handlers.wsgi import LimitedStream
from django.utils import translation
from django.utils.translation import gettext as _
from pydantic import TypeAdapter, ValidationError

from onevisit.accounts.models import User
from onevisit.accounts.token_cache import token_user
from onevisit.api.errors import validation_details
from onevisit.core.connections import drop_broken_or_aged_connections
from onevisit.core.errors import DomainError
from onevisit.exchange import gateway, permissions
from onevisit.exchange.api import FetchIn

logger = logging.getLogger("onevisit.exchange.lane")

FETCH_PATH = "/api/v1/exchange/fetch"
MAX_BODY = 16 * 1024  # a fetch body is a few hundred bytes
JSON_HEADERS = [("Content-Type", "application/json"), ("Cache-Control", "no-store")]

WSGIApp = Callable[[dict, Callable], Iterable[bytes]]
# A lane handler: (environ, authenticated user) -> (status, JSON-ready body).
Handler = Callable[[dict, User], tuple[int, Any]]


class LaneError(Exception):
    def __init__(self, status: int, code: str, message: str, details: Any = None) -> None:
        super().__init__(message)
        self.status, self.body = status, {"code": code, "message": message, "details": details or {}}


def fetch(environ: dict, user: User) -> tuple[int, Any]:
    """The gateway call: the same rules as the django-ninja operation ``exchange.api.fetch``."""
    payload = parse_body(environ, FetchIn)
    consumer = permissions.user_department(user)
    evidence = gateway.gateway_fetch(
        consumer=consumer, purpose=payload.purpose, subject=payload.subject, acting_user=user,
        reference=payload.reference, item=payload.item, fields=payload.fields,
    )
    return 200, evidence


def parse_body(environ: dict, schema: type) -> Any:
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = -1
    if length < 0 or length > MAX_BODY:
        raise LaneError(400, "bad_request", _("请求体大小不正确。"), {"max_bytes": MAX_BODY})
    body = LimitedStream(environ["wsgi.input"], length).read() if length else b""
    try:
        return schema.model_validate_json(body)
    except ValidationError as exc:
        details = validation_details(exc.errors(include_url=False))
        fields = ", ".join(sorted({d["field"] for d in details}))
        raise LaneError(422, "validation_failed", _("以下字段有误：%s") % fields, details) from exc


def authenticate(environ: dict) -> User:
    user = token_user(environ.get("HTTP_AUTHORIZATION", "")[len("Bearer "):].strip())
    if user is None:
        raise LaneError(401, "not_authenticated", _("请先登录，或提供有效的接口令牌。"))
    return user


def _language(environ: dict) -> str:
    accepted = environ.get("HTTP_ACCEPT_LANGUAGE", "")
    if not accepted:
        return settings.LANGUAGE_CODE
    for tag, _quality in translation.trans_real.parse_accept_lang_header(accepted):
        if tag == "*":
            break
        try:
            return translation.get_supported_language_variant(tag)
        except LookupError:
            continue
    return settings.LANGUAGE_CODE


# Evidence's fields are EvidenceOut's, so pydantic-core writes the same JSON as the django-ninja
# operation, without validating our own dataclass again (test_exchange_lane checks they agree).
_EVIDENCE_JSON = TypeAdapter(gateway.Evidence)


def _encode(body: Any) -> bytes:
    if isinstance(body, gateway.Evidence):
        return _EVIDENCE_JSON.dump_json(body)
    return json.dumps(body, ensure_ascii=False, separators=(",", ":"), default=str).encode()


def serve(handler: Handler, environ: dict, start_response: Callable) -> list[bytes]:
    language = _language(environ)
    with translation.override(language):
        try:
            status, body = handler(environ, authenticate(environ))
        except LaneError as exc:
            status, body = exc.status, exc.body
        except DomainError as exc:
            status, body = exc.status, exc.as_dict()
        except Exception:
            logger.exception("exchange lane: %s failed", environ.get("PATH_INFO"))
            status, body = 500, {"code": "internal_error", "message": _("服务器内部错误。"), "details": {}}
        finally:
            # After each call (as Django's request_finished does): a connection that broke is
            # not handed to the next call.
            drop_broken_or_aged_connections()
        data = _encode(body)
    start_response(f"{status} {_REASONS.get(status, 'Error')}",
                   [*JSON_HEADERS, ("Content-Language", language), ("Content-Length", str(len(data)))])
    return [data]


_REASONS = {200: "OK", 400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found",
            422: "Unprocessable Entity", 429: "Too Many Requests", 500: "Internal Server Error",
            502: "Bad Gateway", 503: "Service Unavailable", 504: "Gateway Timeout"}


def wrap(django_app: WSGIApp, routes: dict[str, Handler] | None = None) -> WSGIApp:
    """Django's WSGI application with the lane in front. ``routes``: extra POST paths served the
    same way (``bench/support/bench_lane.py`` adds the bare baseline; the project adds none)."""
    handlers = {FETCH_PATH: fetch, **(routes or {})}

    def application(environ: dict, start_response: Callable) -> Iterable[bytes]:
        handler = handlers.get(environ.get("PATH_INFO", ""))
        if (handler is not None and environ.get("REQUEST_METHOD") == "POST"
                and environ.get("HTTP_AUTHORIZATION", "").startswith("Bearer ")):
            return serve(handler, environ, start_response)
        return django_app(environ, start_response)

    return application

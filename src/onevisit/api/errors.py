"""One mapping from errors to HTTP: every error body is ``{"code", "message", "details"}``."""

from typing import Any

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, AuthorizationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from onevisit.core.errors import DomainError


class ErrorOut(Schema):
    code: str
    message: str
    details: Any = None


# Statuses every operation may answer with, declared once in the OpenAPI (see api.py).
COMMON_ERRORS = {
    400: _("请求格式错误"),
    401: _("未登录或令牌无效"),
    403: _("无权访问"),
    404: _("资源不存在"),
    422: _("参数校验失败"),
    429: _("请求过于频繁"),
}


def _field_name(loc: list[Any] | tuple[Any, ...]) -> str:
    # ninja prefixes locations with where the value came from ("query", "body", "path").
    parts = [str(p) for p in loc if p not in ("query", "body", "path", "header", "cookie", "form", "payload")]
    return ".".join(parts) or "request"


def validation_details(errors: list[dict[str, Any]]) -> list[dict[str, str]]:
    details = []
    for error in errors:
        message = str(error.get("msg", ""))
        if message.startswith("Value error, "):
            message = message[len("Value error, "):]
        details.append({"field": _field_name(error.get("loc", ())), "message": message})
    return details


def install(api: NinjaAPI) -> None:
    @api.exception_handler(DomainError)
    def domain_error(request, exc: DomainError):
        return api.create_response(request, exc.as_dict(), status=exc.status)

    @api.exception_handler(NinjaValidationError)
    def validation_error(request, exc: NinjaValidationError):
        details = validation_details(exc.errors)
        fields = ", ".join(sorted({d["field"] for d in details}))
        body = {"code": "validation_failed", "message": _("以下字段有误：%s") % fields, "details": details}
        return api.create_response(request, body, status=422)

    @api.exception_handler(AuthenticationError)
    def not_authenticated(request, exc):
        body = {"code": "not_authenticated", "message": _("请先登录，或提供有效的接口令牌。"), "details": {}}
        return api.create_response(request, body, status=401)

    @api.exception_handler(AuthorizationError)
    def forbidden(request, exc):
        body = {"code": "permission_denied", "message": _("您没有权限执行此操作。"), "details": {}}
        return api.create_response(request, body, status=403)

    @api.exception_handler(Http404)
    def not_found(request, exc):
        body = {"code": "not_found", "message": _("未找到请求的资源。"), "details": {}}
        return api.create_response(request, body, status=404)

    @api.exception_handler(HttpError)
    def http_error(request, exc: HttpError):
        body = {"code": "http_error", "message": str(exc), "details": {}}
        return api.create_response(request, body, status=exc.status_code)

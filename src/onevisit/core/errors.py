"""Typed domain errors. Each maps once to an HTTP status and a JSON body
``{"code": ..., "message": ..., "details": ...}`` (see ``onevisit.api.errors``)."""

from typing import Any

from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    """Base of every error a user or another system can act on. Never a 500."""

    status = 400
    code = "bad_request"
    default_message = _("请求无法处理。")

    def __init__(self, message: Any = None, *, details: Any = None, code: str | None = None):
        self.message = message if message is not None else self.default_message
        self.details = details if details is not None else {}
        if code:
            self.code = code
        super().__init__(str(self.message))

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": str(self.message), "details": self.details}


class ValidationFailed(DomainError):
    """Input that breaks a rule; ``details`` names the fields: ``[{"field":..., "message":...}]``."""

    status = 422
    code = "validation_failed"
    default_message = _("提交的内容有误，请按提示修改。")

    @classmethod
    def for_field(cls, field: str, message: Any) -> "ValidationFailed":
        return cls(
            _("字段 %(field)s 有误：%(message)s") % {"field": field, "message": message},
            details=[{"field": field, "message": str(message)}],
        )


class NotAuthenticated(DomainError):
    status = 401
    code = "not_authenticated"
    default_message = _("请先登录。")


class PermissionDenied(DomainError):
    status = 403
    code = "permission_denied"
    default_message = _("您没有权限执行此操作。")


class NotFound(DomainError):
    status = 404
    code = "not_found"
    default_message = _("未找到请求的资源。")


class Conflict(DomainError):
    status = 409
    code = "conflict"
    default_message = _("资源状态已变化，请刷新后重试。")


class RateLimited(DomainError):
    status = 429
    code = "rate_limited"
    default_message = _("请求过于频繁，请稍后再试。")


class CalendarOutOfRange(DomainError):
    """The holiday calendar has no data for the date asked about (a year not yet published)."""

    status = 422
    code = "calendar_out_of_range"
    default_message = _("节假日日历尚未包含该日期。")

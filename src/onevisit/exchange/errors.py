"""Typed errors of the public data platform. Each carries a stable ``code`` for logs and APIs."""

from django.utils.translation import gettext_lazy as _

from onevisit.core.errors import DomainError, NotFound, PermissionDenied


class AccessDenied(PermissionDenied):
    """The gateway refused an attempt (403). Subclasses name why."""

    code = "access_denied"
    default_message = _("未获得该数据的共享授权。")


class GrantMissing(AccessDenied):
    code = "grant_missing"
    default_message = _("本部门没有该数据项的共享授权。")


class ItemNotShared(AccessDenied):
    code = "item_not_shared"
    default_message = _("该数据项（或字段）不予共享。")


class PurposeMismatch(AccessDenied):
    code = "purpose_mismatch"
    default_message = _("该数据项的共享授权不包含此用途。")


class FieldsNotGranted(AccessDenied):
    code = "fields_not_granted"
    default_message = _("请求的字段超出授权范围。")


class GrantExpired(AccessDenied):
    code = "grant_expired"
    default_message = _("共享授权已过期或尚未生效。")


class GrantRevoked(AccessDenied):
    code = "grant_revoked"
    default_message = _("共享授权已被撤销。")


class ActorNotAllowed(AccessDenied):
    """The acting user may not act for the consumer, or (a citizen) for this subject."""

    code = "actor_not_allowed"
    default_message = _("操作人无权以该部门名义或为该数据主体调用数据。")


class NoDepartment(PermissionDenied):
    code = "no_department"
    default_message = _("当前账号未绑定部门，不能使用公共数据平台。")


class UnknownDataItem(NotFound):
    code = "unknown_item"
    default_message = _("资源目录中没有该数据项。")


class ProviderFailed(DomainError):
    """The owning registry did not answer properly. ``code`` is the provider error's code."""

    status = 502
    code = "provider_error"
    default_message = _("数源部门系统返回错误，请稍后重试。")


class ProviderUnavailableError(ProviderFailed):
    status = 503
    code = "provider_unavailable"
    default_message = _("数源部门系统暂时无法访问，请稍后重试。")


class ProviderTimeoutError(ProviderFailed):
    status = 504
    code = "provider_timeout"
    default_message = _("数源部门系统响应超时，请稍后重试。")

"""Typed errors of applications; each has a stable code for the API."""

from django.utils.translation import gettext_lazy as _

from onevisit.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed


class ApplicationNotFound(NotFound):
    code = "application_not_found"
    default_message = _("未找到该申请。")


class ApplicantTypeMismatch(ValidationFailed):
    code = "applicant_type_mismatch"
    default_message = _("该事项的服务对象与申请身份不符。")


class NoMandate(PermissionDenied):
    code = "no_mandate"
    default_message = _("您未获得该企业的授权，不能代其申请。")


class NotACitizen(PermissionDenied):
    code = "not_a_citizen"
    default_message = _("只有实名认证的个人用户可以申请。")


class NotDraft(Conflict):
    code = "not_draft"
    default_message = _("申请已提交，不能再修改。")


class StaleVersion(Conflict):
    code = "stale_version"
    default_message = _("申请已在别处修改，请刷新后重试。")


class IncompleteApplication(ValidationFailed):
    code = "application_incomplete"
    default_message = _("申请材料尚不齐全，请按提示补充。")


class IdempotencyKeyReused(Conflict):
    code = "idempotency_key_reused"
    default_message = _("该幂等键已用于另一份申请。")

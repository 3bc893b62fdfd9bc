"""Typed errors of the e-certificate app (mapped to 4xx JSON once, in onevisit.api.errors)."""

from django.utils.translation import gettext_lazy as _

from onevisit.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed


class CertificateNotFound(NotFound):
    code = "certificate_not_found"
    default_message = _("没有找到该电子证照。")


class NotIssuingDepartment(PermissionDenied):
    code = "not_issuing_department"
    default_message = _("只有发证部门的工作人员可以变更证照状态。")


class StatusChangeNotAllowed(Conflict):
    code = "status_change_not_allowed"
    default_message = _("证照当前状态不允许此操作。")


class ReasonRequired(ValidationFailed):
    code = "reason_required"
    default_message = _("请填写理由。")


class NoIssuingDepartment(NotFound):
    code = "no_issuing_department"
    default_message = _("找不到该证照类型的发证部门。")


class VerifierRequestNotFound(NotFound):
    code = "verifier_request_not_found"
    default_message = _("没有找到该核验码。")


class NotPresentable(ValidationFailed):
    code = "not_presentable"
    default_message = _("该证照当前不能出示，或所选字段不在证照中。")

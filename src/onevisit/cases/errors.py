"""Typed errors of case handling; each has a stable code for the API."""

from django.utils.translation import gettext_lazy as _

from onevisit.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed


class CaseNotFound(NotFound):
    code = "case_not_found"
    default_message = _("未找到该办件。")


class NotYourDepartment(PermissionDenied):
    code = "case_other_department"
    default_message = _("该办件不属于您所在的部门。")


class RoleRequired(PermissionDenied):
    code = "case_role_required"
    default_message = _("您的角色不能执行此操作。")


class ClaimedByOther(Conflict):
    code = "case_claimed_by_other"
    default_message = _("该办件已由其他经办人认领。")


class StaleCase(Conflict):
    code = "case_stale"
    default_message = _("办件已被他人处理或状态已变化，请刷新后重试。")


class WrongStep(Conflict):
    code = "case_wrong_step"
    default_message = _("办件当前环节不能执行此操作。")


class CaseClosed(Conflict):
    code = "case_closed"
    default_message = _("办件已办结。")


class CaseWaiting(Conflict):
    code = "case_waiting"
    default_message = _("办件正在等待前置事项的办理结果。")


class SupplementIncomplete(ValidationFailed):
    code = "supplement_incomplete"
    default_message = _("请逐项补正后再提交。")

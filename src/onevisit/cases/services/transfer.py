"""Transfer (转交): to another officer of the same department, or to another department of the
same sector (the application reached the wrong office), with a reason."""

from __future__ import annotations

from django.utils.translation import gettext as _

from onevisit.accounts.models import Department, StaffRole, User
from onevisit.cases.errors import CaseClosed
from onevisit.cases.models import Case, CaseAction
from onevisit.cases.permissions import check_act
from onevisit.cases.services.handling import _reason
from onevisit.cases.services.transition import apply
from onevisit.core.errors import ValidationFailed


def case_transfer(*, case: Case, actor, version: int | None, reason: str, to_user: User | None = None,
                  to_department: Department | None = None, request_key: str | None = None) -> Case:
    reason = _reason(reason, required=True)
    if (to_user is None) == (to_department is None):
        raise ValidationFailed.for_field("to", _("请选择转交给一位经办人或一个部门"))
    if to_user is not None and (
            not to_user.is_active or to_user.department_id != case.department_id
            or not to_user.role_assignments.filter(role__in=[StaffRole.CASE_OFFICER, StaffRole.DEPARTMENT_HEAD]).exists()):
        raise ValidationFailed.for_field("to_user", _("只能转交给本部门的审批经办人"))
    if to_department is not None and (to_department.pk == case.department_id
                                      or to_department.sector != case.department.sector or not to_department.is_active):
        raise ValidationFailed.for_field("to_department", _("只能转交给同一条线的其他部门"))

    def check(c: Case) -> None:
        check_act(actor, c)
        if not c.is_open:
            raise CaseClosed()

    def change(c: Case, _w) -> None:
        if to_user is not None:
            c.assignee = to_user
        else:
            c.department = to_department
            c.assignee = None

    def after(c: Case, _event) -> None:
        from onevisit.notifications.services import notification_send

        if to_user is not None:
            notification_send(recipient=to_user, subject=_("办件转交给您：%(ref)s") % {"ref": c.reference},
                              body=_("%(who)s 将办件 %(ref)s（%(matter)s）转交给您：%(reason)s") % {
                                  "who": actor.full_name, "ref": c.reference, "matter": c.matter.name, "reason": reason})

    data = {"to_user": to_user.username if to_user else None, "to_department": to_department.code if to_department else None}
    return apply(case, actor=actor, action=CaseAction.TRANSFERRED, expected_version=version, change=change,
                 check=check, reason=reason, data=data, request_key=request_key, after=after)

"""Who may do what in the public data platform: one check per operation (CKAN style).

Each ``check_*`` returns nothing or raises a ``PermissionDenied`` subclass; services call them
first, so the rules hold for the API, the workbench and other apps alike.
"""

from django.utils.translation import gettext as _

from onevisit.accounts.models import Department, StaffRole, User, UserKind
from onevisit.accounts.selectors import enterprises_acted_for, staff_roles
from onevisit.core.errors import PermissionDenied
from onevisit.exchange.errors import ActorNotAllowed, NoDepartment
from onevisit.exchange.models import AccessGrant
from onevisit.registries.contract import SubjectType

# Roles that may ask for data on behalf of their department.
REQUESTING_ROLES = {StaffRole.DATA_OFFICER, StaffRole.DEPARTMENT_HEAD}


def user_department(user: User) -> Department:
    """The department a staff member or system account acts for; NoDepartment if none."""
    department = user.department if user.kind in (UserKind.STAFF, UserKind.SYSTEM) and user.is_active else None
    if department is None:
        raise NoDepartment()
    return department


def check_grant_request(*, user: User, consumer: Department) -> None:
    """A department's data officer or head (or its system account) asks on its behalf."""
    if user_department(user).pk != consumer.pk:
        raise PermissionDenied(_("只能为本部门申请共享授权。"), code="not_consumer_department")
    if user.kind == UserKind.STAFF and not REQUESTING_ROLES & set(staff_roles(user=user)):
        raise PermissionDenied(_("只有数据专员或部门负责人可以申请共享授权。"), code="role_required")


def check_grant_decide(*, user: User, grant: AccessGrant) -> None:
    """Only a data officer of the item's owner department decides."""
    if user.kind != UserKind.STAFF or user.department_id != grant.item.owner_department_id:
        raise PermissionDenied(_("只有数源部门可以审核该授权。"), code="not_owner_department")
    if StaffRole.DATA_OFFICER not in staff_roles(user=user):
        raise PermissionDenied(_("只有数源部门的数据专员可以审核授权。"), code="role_required")


def check_grant_revoke(*, user: User, grant: AccessGrant) -> None:
    """The owner's data officer withdraws a grant; the consumer's data officer or head gives it up."""
    if user.kind != UserKind.STAFF or user.department_id is None:
        raise PermissionDenied(_("只有工作人员可以撤销授权。"), code="role_required")
    roles = set(staff_roles(user=user))
    if user.department_id == grant.item.owner_department_id and StaffRole.DATA_OFFICER in roles:
        return
    if user.department_id == grant.consumer_id and REQUESTING_ROLES & roles:
        return
    raise PermissionDenied(_("只有数源部门数据专员或使用部门负责人可以撤销授权。"), code="not_allowed_to_revoke")


def check_grant_view(*, user: User, grant: AccessGrant) -> None:
    department = user_department(user)
    if department.pk not in (grant.consumer_id, grant.item.owner_department_id):
        raise PermissionDenied(_("只能查看本部门的授权。"), code="not_your_grant")


def check_gateway_fetch(*, acting_user: User, consumer: Department, subject: str, subject_type: str) -> None:
    """Staff and systems act only for their own department. A citizen (the application path)
    acts only about themselves or an enterprise they may act for."""
    if not acting_user.is_active:
        raise ActorNotAllowed()
    if acting_user.kind in (UserKind.STAFF, UserKind.SYSTEM):
        if acting_user.department_id != consumer.pk:
            raise ActorNotAllowed()
        return
    if acting_user.kind == UserKind.CITIZEN:
        if subject_type == SubjectType.PERSON and subject == acting_user.id_number:
            return
        if subject_type == SubjectType.ENTERPRISE and enterprises_acted_for(user=acting_user).filter(uscc=subject).exists():
            return
    raise ActorNotAllowed()

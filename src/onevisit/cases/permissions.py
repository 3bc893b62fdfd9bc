"""Who may see and move a case: officers of the handling department only (least privilege).

View: any staff member of the case's department with a case-handling role (case officer,
department head, window clerk). Act: case officers and department heads of that department;
when a case is claimed, only its assignee or the department head. Extend a time limit:
the department head.
"""

from __future__ import annotations

from onevisit.accounts.models import StaffRole, User
from onevisit.cases.errors import ClaimedByOther, NotYourDepartment, RoleRequired
from onevisit.cases.models import Case

VIEW_ROLES = frozenset({StaffRole.CASE_OFFICER, StaffRole.DEPARTMENT_HEAD, StaffRole.WINDOW_CLERK})
ACT_ROLES = frozenset({StaffRole.CASE_OFFICER, StaffRole.DEPARTMENT_HEAD})


def roles_of(user: User) -> set[str]:
    cached = getattr(user, "_case_roles", None)
    if cached is None:
        cached = set(user.role_assignments.values_list("role", flat=True)) if user.is_officer else set()
        user._case_roles = cached  # type: ignore[attr-defined]
    return cached


def can_view(user: User, case: Case) -> bool:
    return (user.is_officer and user.department_id is not None and user.department_id == case.department_id
            and bool(roles_of(user) & VIEW_ROLES))


def check_view(user: User, case: Case) -> None:
    if not can_view(user, case):
        raise NotYourDepartment()


def check_act(user: User, case: Case, *, head_only: bool = False, claim: bool = False) -> None:
    check_view(user, case)
    roles = roles_of(user)
    if head_only:
        if StaffRole.DEPARTMENT_HEAD not in roles:
            raise RoleRequired(details={"role": StaffRole.DEPARTMENT_HEAD.value})
        return
    if not roles & ACT_ROLES:
        raise RoleRequired(details={"role": StaffRole.CASE_OFFICER.value})
    if (not claim and case.assignee_id is not None and case.assignee_id != user.pk
            and StaffRole.DEPARTMENT_HEAD not in roles):
        raise ClaimedByOther(details={"assignee": case.assignee.full_name if case.assignee else ""})

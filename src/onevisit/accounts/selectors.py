from django.db.models import Q, QuerySet
from django.utils import timezone

from onevisit.accounts.models import Department, Enterprise, EnterpriseMandate, StaffRole, User


def staff_roles(*, user: User) -> list[str]:
    return [a.role for a in user.role_assignments.all()]


def staff_role_labels(*, user: User) -> list[str]:
    return [str(StaffRole(role).label) for role in staff_roles(user=user)]


def departments_list(*, level: str | None = None, sector: str | None = None, region_code: str | None = None) -> QuerySet[Department]:
    qs = Department.objects.filter(is_active=True).select_related("region", "parent")
    if level:
        qs = qs.filter(level=level)
    if sector:
        qs = qs.filter(sector=sector)
    if region_code:
        qs = qs.filter(region__code=region_code)
    return qs.order_by("code")


def enterprises_acted_for(*, user: User) -> QuerySet[Enterprise]:
    """Enterprises the citizen may act for today: as legal representative or as a valid agent."""
    today = timezone.localdate()
    mandates = EnterpriseMandate.objects.filter(user=user, revoked_at__isnull=True).filter(
        Q(valid_until__isnull=True) | Q(valid_until__gte=today)
    )
    return Enterprise.objects.filter(mandates__in=mandates).distinct().order_by("name")

"""What the portal home lists. The service catalogue (matters, bundles) arrives with the
catalogue issue; until then life events are empty and departments are the real ones that
run service windows, so the page says honestly that no service is published yet."""

from django.db.models import Case, IntegerField, QuerySet, Value, When

from onevisit.accounts.models import Department, Sector
from onevisit.core.models import RegionLevel

# Sectors whose departments citizens deal with directly, in the order the portal shows them.
PORTAL_SECTORS = [
    Sector.PSB,
    Sector.CA,
    Sector.HRSS,
    Sector.MIB,
    Sector.AMR,
    Sector.TAX,
    Sector.NRB,
    Sector.HUD,
    Sector.HC,
    Sector.EDU,
    Sector.HPF,
    Sector.DPF,
]


def life_events() -> list:
    """Life events (一件事) come from the service catalogue, which is not built yet."""
    return []


def service_departments() -> QuerySet[Department]:
    sector_order = Case(
        *[When(sector=sector, then=Value(i)) for i, sector in enumerate(PORTAL_SECTORS)],
        output_field=IntegerField(),
    )
    return Department.objects.filter(
        level=RegionLevel.PROVINCE, sector__in=PORTAL_SECTORS, is_active=True
    ).order_by(sector_order, "code")

"""What the portal home lists: life events (一件事) and the departments with their services."""

from django.db.models import Case, IntegerField, QuerySet, Value, When

from onevisit.accounts.models import Department, Sector
from onevisit.catalogue import selectors as catalogue_selectors
from onevisit.catalogue.models import Bundle, Matter
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
SEARCH_PREVIEW = 8


def life_events() -> QuerySet[Bundle]:
    """Life events and enterprise stages (一件事) of the service catalogue."""
    return catalogue_selectors.bundles_list()


def service_departments() -> QuerySet[Department]:
    sector_order = Case(
        *[When(sector=sector, then=Value(i)) for i, sector in enumerate(PORTAL_SECTORS)],
        output_field=IntegerField(),
    )
    return Department.objects.filter(
        level=RegionLevel.PROVINCE, sector__in=PORTAL_SECTORS, is_active=True
    ).order_by(sector_order, "code")


def sectors_with_services() -> dict[str, int]:
    return dict(catalogue_selectors.sectors_with_matters())


def search_preview(query: str) -> dict:
    """The first matching bundles and matters for the home page's search, and how many match."""
    if not query:
        return {}
    matters = catalogue_selectors.matters_search(q=query)
    bundles = catalogue_selectors.bundles_list(q=query)
    return {
        "bundles": list(bundles[:SEARCH_PREVIEW]), "matters": list(matters[:SEARCH_PREVIEW]),
        "matter_count": matters.count(), "catalogue_empty": not Matter.objects.exists(),
    }

"""What an application needs, and how each need is met: fetched through the exchange, produced
by another matter of the bundle, filled in, uploaded, or shown at the window.

Built from ``catalogue.selectors.bundle_requirements`` / ``matter_requirements``; the
application's own evidence turns a refused or failed fetch into an upload.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from onevisit.catalogue.models import Bundle, MaterialSource, Matter
from onevisit.catalogue.selectors import Requirement, bundle_requirements, matter_requirements

# The registry data a certificate result creates: a matter of a bundle that issues one of these
# produces that item for the bundle's other matters (the founding licence creates the enterprise's
# registration). Certificates themselves come from the wallet (Kind.CERTIFICATE), not from here.
RESULT_ITEMS = {
    "birth_medical": "health.birth_certificate",
    "marriage_certificate": "marriage.status",
    "business_licence": "enterprise.registration",
    "hukou_booklet": "population.hukou",
}
DEFAULT_UPLOAD_TYPES = ["pdf", "jpg", "png"]
DEFAULT_MAX_SIZE_MB = 10


class Kind:
    FETCH = "fetch"  # through the sharing gateway
    CERTIFICATE = "certificate"  # the applicant's valid e-certificate, from the wallet
    PRODUCED = "produced"  # the result of another matter of the bundle
    FORM = "form"
    UPLOAD = "upload"
    ORIGINAL = "original"  # shown at the window


# What the evidence preview shows: data that comes without the applicant handing anything in.
EVIDENCE_KINDS = (Kind.FETCH, Kind.CERTIFICATE, Kind.PRODUCED)


@dataclass
class AppRequirement:
    kind: str
    key: str
    name: str
    source: str  # the catalogue source
    matters: list[str] = field(default_factory=list)
    fields: list[str] = field(default_factory=list)  # fetch: empty = every shareable field
    required: bool = False
    produced_by: str = ""
    waivable_by_commitment: bool = False
    supply_later: bool = False
    accepted_types: list[str] = field(default_factory=list)
    max_size_mb: int = DEFAULT_MAX_SIZE_MB


def catalogue_requirements(*, matter: Matter | None, bundle: Bundle | None) -> list[Requirement]:
    if bundle is not None:
        return bundle_requirements(bundle)
    assert matter is not None
    return matter_requirements(matter)


def _produced_items(*, matter: Matter | None, bundle: Bundle | None) -> dict[str, str]:
    """Registry item -> the matter of this bundle whose result creates that data (the business
    licence of a company being founded is where its registration data comes from)."""
    matters = [c.matter for c in bundle.components.all()] if bundle is not None else []
    return {RESULT_ITEMS[m.result_certificate.code]: m.code for m in matters
            if m.result_certificate and m.result_certificate.code in RESULT_ITEMS}


def application_requirements_build(*, matter: Matter | None, bundle: Bundle | None,
                                   refused_items: set[str] | frozenset[str] = frozenset()) -> list[AppRequirement]:
    """The application's requirements; ``refused_items`` (refused or failed fetches) become uploads."""
    produced_items = _produced_items(matter=matter, bundle=bundle)
    out: dict[tuple[str, str], AppRequirement] = {}

    def add(req: Requirement, kind: str, key: str, name: str, **extra) -> None:
        existing = out.get((kind, key))
        if existing is None:
            out[(kind, key)] = AppRequirement(
                kind=kind, key=key, name=name, source=req.source, matters=list(req.matters), required=req.required,
                waivable_by_commitment=req.waivable_by_commitment, supply_later=req.supply_later, **extra)
            return
        existing.matters += [m for m in req.matters if m not in existing.matters]
        existing.required = existing.required or req.required
        existing.waivable_by_commitment = existing.waivable_by_commitment or req.waivable_by_commitment
        existing.supply_later = existing.supply_later or req.supply_later
        existing.fields = [] if not existing.fields or not extra.get("fields") else \
            existing.fields + [f for f in extra["fields"] if f not in existing.fields]

    for req in catalogue_requirements(matter=matter, bundle=bundle):
        if req.source == MaterialSource.SHARED:
            if req.key in produced_items and produced_items[req.key] not in req.matters:
                add(req, Kind.PRODUCED, req.key, req.name, produced_by=produced_items[req.key])
            elif req.key in refused_items:
                add(req, Kind.UPLOAD, req.key, req.name, accepted_types=list(DEFAULT_UPLOAD_TYPES))
            else:
                add(req, Kind.FETCH, req.key, req.name, fields=list(req.fields))
        elif req.source == MaterialSource.CERTIFICATE:
            # The wallet's certificate of that type; none, or not valid (revoked ...): an upload.
            if req.produced_by:
                add(req, Kind.PRODUCED, req.key, req.name, produced_by=req.produced_by)
            elif req.key not in refused_items:
                add(req, Kind.CERTIFICATE, req.key, req.name)
            else:
                add(req, Kind.UPLOAD, req.key, req.name, accepted_types=list(DEFAULT_UPLOAD_TYPES))
        elif req.source == MaterialSource.FORM:
            add(req, Kind.FORM, req.key, req.name)
        elif req.source == MaterialSource.UPLOAD:
            add(req, Kind.UPLOAD, req.key, req.name, accepted_types=list(req.accepted_types or DEFAULT_UPLOAD_TYPES),
                max_size_mb=req.max_size_mb or DEFAULT_MAX_SIZE_MB)
        else:
            add(req, Kind.ORIGINAL, req.key, req.name)
    return list(out.values())

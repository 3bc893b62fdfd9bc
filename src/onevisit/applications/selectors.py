"""Reads of applications: mine, one with its requirements and their state, the handling
department of a matter for an applicant."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, QuerySet

from onevisit.accounts.models import Department, Enterprise, User
from onevisit.applications.errors import ApplicationNotFound
from onevisit.applications.models import Application, Channel, Evidence, EvidenceStatus, Visit
from onevisit.applications.requirements import AppRequirement, Kind, application_requirements_build
from onevisit.catalogue.models import Matter
from onevisit.core.models import RegionLevel
from onevisit.exchange.models import AccessGrant, GrantStatus

DEMO_COUNTY, DEMO_CITY, PROVINCE = "330106", "330100", "330000"


def applications_of(*, applicant: User) -> QuerySet[Application]:
    return (Application.objects.filter(applicant=applicant)
            .select_related("matter", "bundle", "enterprise").order_by("-created_at", "-id"))


def application_get(*, reference: str, applicant: User | None = None) -> Application:
    """The application; with ``applicant``, only theirs (someone else's is not found)."""
    qs = Application.objects.select_related("applicant", "enterprise", "matter", "bundle")
    if applicant is not None:
        qs = qs.filter(applicant=applicant)
    application = qs.filter(reference=reference).first()
    if application is None:
        raise ApplicationNotFound(details={"reference": reference})
    return application


def _onboarded(department: Department) -> bool:
    """Connected to the public data platform: it holds at least one grant."""
    return AccessGrant.objects.filter(consumer=department, status=GrantStatus.GRANTED).exists()


def handling_department(*, matter: Matter, applicant: User, enterprise: Enterprise | None = None) -> Department | None:
    """The department of the matter's competent sector at its implementing level where the
    applicant lives (the enterprise: where it is registered), by the ID number's region.

    Falls back to the demo regions (Xihu 330106, Hangzhou 330100) when that region has no such
    department or it is not connected to the exchange yet, then to the province department.
    """
    home = enterprise.region.code if enterprise is not None else (applicant.id_number or "")[:6]
    level = matter.implementing_level
    if level == RegionLevel.COUNTY:
        candidates = [home, DEMO_COUNTY]
    elif level == RegionLevel.CITY:
        candidates = [home[:4] + "00" if len(home) >= 4 else "", DEMO_CITY]
    else:
        candidates = [PROVINCE]
    by_region = {d.region.code: d for d in Department.objects.select_related("region").filter(
        sector=matter.competent_sector, level=level, region__code__in=[c for c in candidates if c], is_active=True)}
    found = [by_region[c] for c in candidates if c in by_region]
    for department in found:
        if _onboarded(department):
            return department
    if found:
        return found[0]
    return Department.objects.filter(sector=matter.competent_sector, region__code=PROVINCE).first()


@dataclass
class RequirementState:
    requirement: AppRequirement
    state: str  # done / to_do / optional / at_window
    # fetched / pending / produced / form / uploaded / committed / supply_later / missing;
    # window: an original to show at the window, or one a window clerk has seen
    how: str
    evidence: Evidence | None = None
    errors: list[dict[str, Any]] = field(default_factory=list)

    @property
    def wallet_refusal(self) -> str:
        """Why the wallet's certificate could not be used (revoked ...); empty if it was, or none was asked."""
        e = self.evidence
        if e is None or e.source != "wallet" or e.status != EvidenceStatus.REFUSED:
            return ""
        return e.last_error_code


def application_requirements(*, application: Application) -> list[AppRequirement]:
    refused = set(application.evidence.filter(status__in=[EvidenceStatus.REFUSED, EvidenceStatus.FAILED])
                  .values_list("requirement_key", flat=True))
    bundle = application.bundle
    if bundle is not None:
        from onevisit.catalogue.selectors import bundle_get

        bundle = bundle_get(code=bundle.code)
    matter = application.matter
    if matter is not None:
        from onevisit.catalogue.selectors import matter_get

        matter = matter_get(code=matter.code)
    return application_requirements_build(matter=matter, bundle=bundle, refused_items=refused)


def application_state(*, application: Application) -> list[RequirementState]:
    """Each requirement and how it is met, or what is left to do."""
    from onevisit.applications.services.form import form_errors

    evidence = {e.requirement_key: e for e in application.evidence.all()}
    uploads = set(application.uploads.values_list("requirement_key", flat=True))
    commitments = set(application.commitments.values_list("requirement_key", flat=True))
    supply_later = set(application.supply_later)
    seen = set(application.originals_seen)
    requirements = application_requirements(application=application)
    errors = form_errors(data=application.form_data, keys=[r.key for r in requirements if r.kind == Kind.FORM])
    states = []
    for r in requirements:
        how, done = "missing", False
        if r.kind == Kind.PRODUCED:
            how, done = "produced", True
        elif r.kind == Kind.ORIGINAL:
            # Online it is shown later at the window; at the window the clerk checks it before submitting.
            if r.key in seen or application.channel != Channel.WINDOW:
                how, done = "window", True
        elif r.key in commitments:
            how, done = "committed", True
        elif r.kind in (Kind.FETCH, Kind.CERTIFICATE):
            e = evidence.get(r.key)
            if e is not None and e.status in (EvidenceStatus.FETCHED, EvidenceStatus.PENDING):
                how, done = e.status, True
        elif r.kind == Kind.FORM:
            value = application.form_data.get(r.key)
            if value not in (None, "", []) and r.key not in errors:
                how, done = "form", True
        elif r.kind == Kind.UPLOAD:
            if r.key in uploads:
                how, done = "uploaded", True
            elif r.key in seen:  # the clerk has seen the original: nothing to scan in
                how, done = "window", True
            elif r.supply_later and r.key in supply_later:
                how, done = "supply_later", True
        state = "done" if done else ("to_do" if r.required else "optional")
        if r.kind == Kind.ORIGINAL and application.channel != Channel.WINDOW and r.key not in seen:
            state = "at_window"
        states.append(RequirementState(requirement=r, state=state, how=how, evidence=evidence.get(r.key),
                                       errors=errors.get(r.key, [])))
    return states


def evidence_records(*, evidence: Evidence | None, labels: dict[str, str]) -> list[list[tuple[str, str]]]:
    """The masked records of one evidence row as (label, text) pairs in the catalogue's field
    order: what the applicant previews and the officer reviews."""
    if evidence is None:
        return []
    out = []
    for record in evidence.display or []:
        order = [name for name in labels if name in record] + [name for name in record if name not in labels]
        out.append([(labels.get(name) or str(name), display_value(record[name])) for name in order])
    return out


def display_value(value) -> str:
    """A stored value as text for a reader: lists and records joined, empty as a dash."""
    if value is None or value == "":
        return "—"
    if isinstance(value, list):
        return "；".join(display_value(v) for v in value)
    if isinstance(value, dict):
        return "，".join(display_value(v) for v in value.values())
    return str(value)
def visit_count(application: Application) -> int:
    """On-site visits recorded for the application (到现场次数): the measure of "maximum one visit"."""
    return application.visits.count()


def applications_with_visit_counts(*, applicant: User) -> QuerySet[Application]:
    """The applicant's applications, newest first, each with ``visit_total`` (到现场次数)."""
    return applications_of(applicant=applicant).annotate(visit_total=Count("visits"))


def visits_of(*, application: Application) -> QuerySet[Visit]:
    return application.visits.select_related("clerk").order_by("at", "id")


def originals_checklist(*, application: Application) -> list[dict[str, Any]]:
    """What a window clerk can check against an original: every original to present and every
    upload requirement (the original replaces the scan). ``{"key", "name", "required", "checked"}``."""
    seen = set(application.originals_seen)
    return [{"key": r.key, "name": r.name, "required": r.required and r.kind == Kind.ORIGINAL,
             "checked": r.key in seen, "kind": r.kind}
            for r in application_requirements(application=application) if r.kind in (Kind.ORIGINAL, Kind.UPLOAD)]

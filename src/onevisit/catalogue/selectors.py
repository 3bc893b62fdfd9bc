"""Reads of the service catalogue: search, guides, bundles with their merged requirements."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet

from onevisit.catalogue.models import (
    Bundle,
    BundleComponent,
    FormField,
    Material,
    MaterialSource,
    Matter,
)
from onevisit.catalogue.visits import Visits, bundle_visits, matter_visits
from onevisit.core.errors import NotFound
from onevisit.exchange.models import DataItem

MATERIALS = Prefetch("materials", queryset=Material.objects.select_related("certificate_type").order_by("position"))


def matters_search(*, q: str = "", sector: str | None = None, applicant_type: str | None = None) -> QuerySet[Matter]:
    """Matters whose name, English name, code or pinyin initials contain ``q`` (出生, csdj, M01).

    Applicant type ``person`` or ``enterprise`` includes the matters open to both.
    """
    qs = Matter.objects.select_related("result_certificate").prefetch_related(MATERIALS)
    q = q.strip()
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(name_en__icontains=q) | Q(code__icontains=q)
                       | Q(pinyin_initials__icontains=q.lower()))
    if sector:
        qs = qs.filter(competent_sector=sector)
    if applicant_type:
        qs = qs.filter(applicant_type__in=[applicant_type, "both"] if applicant_type != "both" else ["both"])
    return qs.order_by("code")


def matter_get(*, code: str) -> Matter:
    """The matter with its materials; NotFound naming the code."""
    matter = matters_search().filter(code=code).first()
    if matter is None:
        raise NotFound(details={"matter": code})
    return matter


def matter_visits_of(matter: Matter) -> Visits:
    return matter_visits(matter, matter.materials.all())


def sectors_with_matters() -> list[tuple[str, int]]:
    """(sector, number of matters) for every sector that has matters, most matters first."""
    rows = Matter.objects.values("competent_sector").annotate(n=Count("id")).order_by("-n", "competent_sector")
    return [(row["competent_sector"], row["n"]) for row in rows]


def _components() -> Prefetch:
    return Prefetch("components", queryset=BundleComponent.objects.select_related(
        "matter", "matter__result_certificate").prefetch_related(
        Prefetch("matter__materials", queryset=Material.objects.select_related("certificate_type")
                 .order_by("position")), "depends_on__matter").order_by("position"))


def bundles_list(*, q: str = "", audience: str | None = None) -> QuerySet[Bundle]:
    qs = Bundle.objects.prefetch_related(_components())
    q = q.strip()
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(name_en__icontains=q) | Q(code__icontains=q)
                       | Q(pinyin_initials__icontains=q.lower()))
    if audience:
        qs = qs.filter(audience=audience)
    return qs.order_by("code")


def bundle_get(*, code: str) -> Bundle:
    bundle = bundles_list().filter(code=code).first()
    if bundle is None:
        raise NotFound(details={"bundle": code})
    return bundle


def bundle_visits_of(bundle: Bundle) -> Visits:
    return bundle_visits((c.matter, matter_visits_of(c.matter)) for c in bundle.components.all())


@dataclass
class Requirement:
    """One line of a bundle's merged form: asked or fetched once for every matter that needs it.

    ``key`` is the data item code, certificate type code, form field key, or the material name
    (uploads and originals). ``produced_by`` names the component whose result supplies an
    e-certificate inside the bundle, so the applicant does not provide it.
    """

    source: str
    key: str
    name: str
    fields: list[str] = field(default_factory=list)
    matters: list[str] = field(default_factory=list)
    required: bool = False
    produced_by: str = ""
    waivable_by_commitment: bool = False
    supply_later: bool = False
    accepted_types: list[str] = field(default_factory=list)  # uploads: pdf, jpg ... (empty: defaults)
    max_size_mb: int | None = None  # uploads: None for the default


def bundle_requirements(bundle: Bundle) -> list[Requirement]:
    """The deduplicated materials of every component: the same data item is fetched once with
    the union of the fields, the same certificate type and form field key are asked once, and
    uploads or originals with the same name are handed in once. Order: first appearance."""
    return _merged_requirements([(c.matter, c.optional) for c in bundle.components.all()])


def matter_requirements(matter: Matter) -> list[Requirement]:
    """The requirements of a single matter, in the shape of :func:`bundle_requirements`."""
    return _merged_requirements([(matter, False)])


def _merged_requirements(components: list[tuple[Matter, bool]]) -> list[Requirement]:
    merged: dict[tuple[str, str], Requirement] = {}
    produced = {matter.result_certificate.code: matter.code
                for matter, _optional in components if matter.result_certificate}
    form_labels = dict(FormField.objects.values_list("key", "label"))
    item_names = dict(DataItem.objects.values_list("code", "name"))
    for matter, optional in components:
        for material in matter.materials.all():
            for source, key, name in _requirement_keys(material, form_labels, item_names):
                requirement = merged.setdefault((source, key), Requirement(source=source, key=key, name=name))
                if matter.code not in requirement.matters:
                    requirement.matters.append(matter.code)
                required = material.required and not optional
                requirement.required = requirement.required or required
                requirement.waivable_by_commitment = requirement.waivable_by_commitment or material.waivable_by_commitment
                requirement.supply_later = requirement.supply_later or material.supply_later
                if source == MaterialSource.SHARED:
                    requirement.fields += [f for f in material.data_fields if f not in requirement.fields]
                if source == MaterialSource.UPLOAD:
                    requirement.accepted_types = requirement.accepted_types or list(material.accepted_types)
                    requirement.max_size_mb = requirement.max_size_mb or material.max_size_mb
                if source == MaterialSource.CERTIFICATE and key in produced and produced[key] != matter.code:
                    requirement.produced_by = produced[key]
    return list(merged.values())


def _requirement_keys(material: Material, form_labels: dict[str, str],
                      item_names: dict[str, str]) -> list[tuple[str, str, str]]:
    if material.source == MaterialSource.SHARED:
        return [(material.source, material.data_item, item_names.get(material.data_item, material.name))]
    if material.source == MaterialSource.CERTIFICATE and material.certificate_type:
        return [(material.source, material.certificate_type.code, material.certificate_type.name)]
    if material.source == MaterialSource.FORM:
        return [(material.source, key, form_labels.get(key, key)) for key in material.form_fields]
    return [(material.source, material.name, material.name)]


def data_item_names() -> dict[str, tuple[str, str]]:
    """data item code -> (item name, owner sector), for saying where shared data comes from."""
    return {code: (name, sector) for code, name, sector in
            DataItem.objects.values_list("code", "name", "owner_department__sector")}


def form_fields_by_key() -> dict[str, FormField]:
    return {f.key: f for f in FormField.objects.all()}


def matter_names(*, codes: list[str]) -> dict[str, str]:
    return dict(Matter.objects.filter(code__in=codes).values_list("code", "name"))


# Matter codes and names for list pages (a queue page names up to 100 cases' matters): a few
# dozen rows that change only on a catalogue import, kept per process for a minute.
_LABEL_TTL_SECONDS = 60.0
_labels: dict[int, tuple[str, str]] = {}
_codes: frozenset[str] = frozenset()
_labels_read_at = 0.0


def _read_labels(*, unless_fresh_with: set[int]) -> None:
    import time

    global _labels, _codes, _labels_read_at
    now = time.monotonic()
    if now - _labels_read_at > _LABEL_TTL_SECONDS or not unless_fresh_with <= _labels.keys() or not _labels:
        _labels = {pk: (code, name) for pk, code, name in Matter.objects.values_list("pk", "code", "name")}
        _codes = frozenset(code for code, _name in _labels.values())
        _labels_read_at = now


def matter_labels(*, ids) -> dict[int, tuple[str, str]]:
    """``{matter id: (code, name)}`` for ``ids``; read again when one is unknown or a minute old."""
    wanted = set(ids)
    _read_labels(unless_fresh_with=wanted)
    return {pk: _labels[pk] for pk in wanted if pk in _labels}


def matter_labels_forget() -> None:
    """Called by the catalogue import, so this process shows new names at once."""
    global _labels_read_at
    _labels_read_at = 0.0


def matter_ids_of_code(code: str) -> list[int]:
    """The id of the matter coded ``code`` (a list: empty when there is none).

    Case search asks this for every search term, and almost every term is a name: a term that is
    no code in the per-process table (at most a minute old) costs no query; a code is looked up.
    """
    from onevisit.core import sql

    _read_labels(unless_fresh_with=set())
    if code not in _codes:
        return []
    text = f"SELECT m.id FROM {sql.table(Matter)} m WHERE m.code = %s"  # noqa: S608 - our table name
    return [pk for (pk,) in sql.fetch(text, [code])]

"""Portal: the service catalogue (服务目录) — search, browse by life event and by department,
and the guide pages (办事指南) of a matter and of a bundle (一件事)."""

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from onevisit.accounts.models import Sector
from onevisit.accounts.selectors import enterprises_acted_for
from onevisit.catalogue import selectors
from onevisit.catalogue.models import (
    ApplicantType,
    BundleAudience,
    Delivery,
    MaterialSource,
    Matter,
)
from onevisit.core.errors import NotFound

PAGE_SIZE = 20
MAX_QUERY = 100


def search_query(request) -> str:
    return request.GET.get("q", "").strip()[:MAX_QUERY]


def service_list(request):
    """Every matter, narrowed by keyword (name, code, pinyin initials), department or applicant."""
    query = search_query(request)
    sector = request.GET.get("sector") if request.GET.get("sector") in Sector.values else ""
    applicant = request.GET.get("applicant") if request.GET.get("applicant") in ApplicantType.values else ""
    matters = selectors.matters_search(q=query, sector=sector or None, applicant_type=applicant or None)
    page = Paginator(matters, PAGE_SIZE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return render(request, "portal/catalogue/service_list.html", {
        "page": page, "rows": [(m, selectors.matter_visits_of(m)) for m in page.object_list],
        "query": query, "sector": sector, "sector_label": Sector(sector).label if sector else "",
        "applicant": applicant, "sectors": _sector_choices(), "applicants": ApplicantType.choices,
        "querystring": params.urlencode(), "catalogue_empty": not Matter.objects.exists(),
    })


def _sector_choices() -> list[tuple[str, str, int]]:
    return [(sector, Sector(sector).label, count) for sector, count in selectors.sectors_with_matters()]


def life_events(request):
    """Bundles grouped by audience: the personal life cycle first, then the enterprise one."""
    bundles = list(selectors.bundles_list())
    groups = [(label, [(b, selectors.bundle_visits_of(b)) for b in bundles if b.audience == value])
              for value, label in BundleAudience.choices]
    return render(request, "portal/catalogue/life_events.html", {"groups": groups})


@dataclass
class MaterialRow:
    material: object
    how: str
    detail: str


def material_rows(materials, item_names: dict, form_fields: dict) -> list[MaterialRow]:
    """Each material with how it is obtained, in the words of a guide."""
    rows = []
    for m in materials:
        if m.source == MaterialSource.SHARED:
            name, sector = item_names.get(m.data_item, (m.data_item, ""))
            how = _("由部门共享获取（%(item)s，%(department)s）") % {
                "item": name, "department": Sector(sector).label if sector else ""}
            detail = ""
        elif m.source == MaterialSource.CERTIFICATE:
            how = _("电子证照")
            detail = m.certificate_type.name if m.certificate_type else ""
        elif m.source == MaterialSource.FORM:
            how = _("在线填写")
            detail = "、".join(str(form_fields[k].label) if k in form_fields else k for k in m.form_fields)
        elif m.source == MaterialSource.UPLOAD:
            how = _("上传")
            detail = _("%(types)s，不超过 %(size)s MB") % {
                "types": "、".join(t.upper() for t in m.accepted_types), "size": m.max_size_mb}
        else:
            how, detail = _("现场出示原件"), ""
        rows.append(MaterialRow(material=m, how=how, detail=detail))
    return rows


def matter_guide(request, code: str):
    try:
        matter = selectors.matter_get(code=code)
    except NotFound as exc:
        raise Http404(code) from exc
    return render(request, "portal/catalogue/matter_guide.html", {
        "matter": matter, "visits": selectors.matter_visits_of(matter),
        "sector_label": Sector(matter.competent_sector).label,
        "materials": material_rows(matter.materials.all(), selectors.data_item_names(),
                                   selectors.form_fields_by_key()),
        "delivery": [label for value, label in Delivery.choices if value in matter.delivery],
        "bundles": matter.bundle_components.select_related("bundle").order_by("bundle__code"),
        **_apply_context(request, audience=matter.applicant_type, matters=[matter]),
    })


def bundle_guide(request, code: str):
    try:
        bundle = selectors.bundle_get(code=code)
    except NotFound as exc:
        raise Http404(code) from exc
    components = list(bundle.components.all())
    names = {c.matter.code: c.matter.name for c in components}
    item_names = selectors.data_item_names()
    requirements = []
    for r in selectors.bundle_requirements(bundle):
        if r.source == MaterialSource.SHARED:
            item, sector = item_names.get(r.key, (r.name, ""))
            how = _("由部门共享获取（%(item)s，%(department)s）") % {
                "item": item, "department": Sector(sector).label if sector else ""}
        elif r.produced_by:
            how = _("由本事项办理结果自动获取：%(matter)s") % {"matter": names.get(r.produced_by, r.produced_by)}
        else:
            how = dict(MaterialSource.choices)[r.source]
        requirements.append((r, how, [names[c] for c in r.matters if c in names]))
    return render(request, "portal/catalogue/bundle_guide.html", {
        "bundle": bundle, "visits": selectors.bundle_visits_of(bundle),
        "lead_label": Sector(bundle.lead_sector).label,
        "components": [(c, selectors.matter_visits_of(c.matter)) for c in components],
        "requirements": requirements,
        "asked": sum(1 for r, _how, _m in requirements if r.source in (MaterialSource.FORM, MaterialSource.UPLOAD)),
        **_apply_context(request, audience=bundle.audience, matters=[c.matter for c in components]),
    })


def _apply_context(request, *, audience: str, matters: list) -> dict:
    """What the apply box needs: who may apply (the citizen, an enterprise they act for)."""
    from onevisit.applications.services.start import founds_enterprise

    citizen = request.user.is_authenticated and getattr(request.user, "is_citizen", False)
    enterprises = list(enterprises_acted_for(user=request.user)) if citizen and audience != "person" else []
    return {"audience": audience, "apply_enterprises": enterprises, "founding": founds_enterprise(matters)}

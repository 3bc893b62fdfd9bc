"""The catalogue as data: everything in the file format ``services.catalogue_import`` reads.

Keys whose value is the importer's default are left out, so an exported file reads like a
hand-written one, and export → import → export gives the same text.
"""

from __future__ import annotations

from typing import Any

from onevisit.catalogue.models import Bundle, CertificateType, FormField, Matter, Provider
from onevisit.catalogue.selectors import bundles_list, matters_search


def _compact(data: dict[str, Any], defaults: dict[str, Any]) -> dict[str, Any]:
    """Drop empty values and defaults (0 and False are values: the same day, not online)."""
    return {k: v for k, v in data.items() if v not in (None, "", [], {}) and defaults.get(k, object()) != v}


def certificate_type_out(c: CertificateType) -> dict[str, Any]:
    return _compact({"code": c.code, "name": c.name, "name_en": c.name_en, "sector": c.issuing_sector,
                     "fields": {f["name"]: f["label"] for f in c.fields}}, {})


def form_field_out(f: FormField) -> dict[str, Any]:
    return _compact({"key": f.key, "label": f.label, "label_en": f.label_en, "schema": f.schema,
                     "help": f.help_text}, {"schema": {"type": "string"}})


def material_out(m: Any) -> dict[str, Any]:
    source: dict[str, Any] = {
        "shared": {"shared": m.data_item, "fields": m.data_fields},
        "certificate": {"certificate": m.certificate_type.code if m.certificate_type else None},
        "form": {"form": m.form_fields},
        "upload": {"upload": m.accepted_types, "max_size_mb": m.max_size_mb},
        "original": {"original": True},
    }[m.source]
    return {"name": m.name, **_compact({
        **source, "required": m.required, "condition": m.condition, "commitment": m.waivable_by_commitment,
        "supply_later": m.supply_later,
    }, {"required": True, "commitment": False, "supply_later": False, "max_size_mb": 10})}


def matter_out(m: Matter) -> dict[str, Any]:
    data = {
        "code": m.code, "name": m.name, "name_en": m.name_en, "type": m.matter_type,
        "department": m.competent_sector, "level": m.implementing_level, "provider": m.provider,
        "provider_name": m.provider_name, "legal_basis": m.legal_basis, "applicant": m.applicant_type,
        "case_type": m.case_type, "statutory_days": m.statutory_limit_days, "statutory_note": m.statutory_limit_note,
        "committed_days": m.committed_limit_days, "committed_note": m.committed_limit_note, "fee": m.fee_note,
        "result": m.result_name, "result_certificate": m.result_certificate.code if m.result_certificate else None,
        "delivery": m.delivery, "online": m.online, "mobile": m.mobile, "conditions": m.conditions,
        "in_person_reason": m.in_person_reason, "process": m.process_bpmn,
        "materials": [material_out(x) for x in m.materials.all()],
    }
    return _compact(data, {"provider": Provider.GOVERNMENT, "delivery": ["electronic"], "online": True,
                           "mobile": True})


def bundle_out(b: Bundle) -> dict[str, Any]:
    components = [
        _compact({"matter": c.matter.code, "depends_on": [d.matter.code for d in
                                                          sorted(c.depends_on.all(), key=lambda d: d.position)],
                  "optional": c.optional, "condition": c.condition}, {"optional": False})
        for c in b.components.all()
    ]
    data = {"code": b.code, "name": b.name, "name_en": b.name_en, "audience": b.audience, "lead": b.lead_sector,
            "description": b.description, "committed_days": b.committed_limit_days,
            "committed_note": b.committed_limit_note, "components": components}
    return _compact(data, {})


def catalogue_export() -> dict[str, Any]:
    """Every certificate type, form field, matter and bundle, ordered by code."""
    return {
        "certificate_types": [certificate_type_out(c) for c in CertificateType.objects.order_by("code")],
        "form_fields": [form_field_out(f) for f in FormField.objects.order_by("key")],
        "matters": [matter_out(m) for m in matters_search()],
        "bundles": [bundle_out(b) for b in bundles_list()],
    }

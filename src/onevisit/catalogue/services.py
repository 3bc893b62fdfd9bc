"""Writes of the service catalogue: importing catalogue files (all or nothing)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from onevisit.catalogue import fileformat, validation
from onevisit.catalogue.models import (
    Bundle,
    BundleComponent,
    CertificateType,
    FormField,
    Material,
    Matter,
)
from onevisit.catalogue.pinyin import pinyin_initials
from onevisit.catalogue.selectors import matter_labels_forget
from onevisit.core.errors import ValidationFailed


@dataclass
class ImportReport:
    """Codes created and updated, per section."""

    created: dict[str, list[str]] = field(default_factory=dict)
    updated: dict[str, list[str]] = field(default_factory=dict)

    def note(self, section: str, code: str, created: bool) -> None:
        (self.created if created else self.updated).setdefault(section, []).append(code)

    def summary(self) -> str:
        parts = []
        for section in fileformat.SECTIONS:
            created, updated = len(self.created.get(section, [])), len(self.updated.get(section, []))
            if created or updated:
                parts.append(f"{section}: {created} created, {updated} updated")
        return "; ".join(parts) or "nothing to import"


def catalogue_import_files(*, paths: Iterable[Path]) -> ImportReport:
    """Read and import files together (an entry may refer to one in another file of the set).

    Raises ValidationFailed listing every problem, syntax errors included; nothing is written then.
    """
    documents, problems = [], []
    for path in paths:
        try:
            documents.append(fileformat.load_file(Path(path)))
        except ValueError as exc:
            problems.append({"field": Path(path).name, "code": "syntax_error", "message": str(exc)})
        except OSError as exc:
            problems.append({"field": str(path), "code": "unreadable", "message": exc.strerror or str(exc)})
    if problems:
        raise ValidationFailed(_("目录文件无法读取，未导入任何内容。"), details=problems)
    return catalogue_import(documents=documents)


@transaction.atomic
def catalogue_import(*, documents: list[fileformat.Document]) -> ImportReport:
    """Import certificate types, form fields, matters and bundles; an existing code is updated.

    All or nothing: every entry is checked first (unknown department, data item or field,
    certificate type, form field or matter; duplicate codes; dependency cycles; bad values) and
    any problem raises one ValidationFailed whose ``details`` lists each problem with its
    location, before anything is written. A matter's materials and a bundle's components are
    replaced by the imported ones. Importing the same files twice changes nothing.
    """
    checked = validation.check(documents)
    if checked.problems:
        raise ValidationFailed(
            _("目录文件有 %(n)d 处错误，未导入任何内容。") % {"n": len(checked.problems)},
            details=[p.as_detail() for p in checked.problems],
        )
    report = ImportReport()
    for data in checked.certificate_types:
        _obj, created = CertificateType.objects.update_or_create(code=data["code"], defaults=data)
        report.note("certificate_types", data["code"], created)
    for data in checked.form_fields:
        _field, created = FormField.objects.update_or_create(key=data["key"], defaults=data)
        report.note("form_fields", data["key"], created)
    certificates = {c.code: c for c in CertificateType.objects.all()}
    for data in checked.matters:
        _import_matter(data, certificates, report)
    for data in checked.bundles:
        _import_bundle(data, report)
    matter_labels_forget()  # this process shows renamed matters at once
    return report


def _import_matter(data: dict[str, Any], certificates: dict[str, CertificateType], report: ImportReport) -> None:
    values = {k: v for k, v in data.items() if k not in ("code", "materials")}
    values["result_certificate"] = certificates.get(data["result_certificate"] or "")
    values["pinyin_initials"] = pinyin_initials(data["name"])
    matter, created = Matter.objects.update_or_create(code=data["code"], defaults=values)
    matter.materials.all().delete()
    Material.objects.bulk_create([
        Material(matter=matter, position=i, **{
            **material, "certificate_type": certificates.get(material["certificate_type"] or ""),
        })
        for i, material in enumerate(data["materials"])
    ])
    report.note("matters", matter.code, created)


def _import_bundle(data: dict[str, Any], report: ImportReport) -> None:
    values = {k: v for k, v in data.items() if k not in ("code", "components")}
    values["pinyin_initials"] = pinyin_initials(data["name"])
    bundle, created = Bundle.objects.update_or_create(code=data["code"], defaults=values)
    bundle.components.all().delete()
    matters = {m.code: m for m in Matter.objects.filter(code__in=[c["matter"] for c in data["components"]])}
    components = {}
    for i, component in enumerate(data["components"]):
        components[component["matter"]] = BundleComponent.objects.create(
            bundle=bundle, matter=matters[component["matter"]], position=i, optional=component["optional"],
            condition=component["condition"],
        )
    for component in data["components"]:
        components[component["matter"]].depends_on.set([components[code] for code in component["depends_on"]])
    report.note("bundles", bundle.code, created)

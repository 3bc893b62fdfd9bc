"""Checking a catalogue import before anything is written.

Every problem is collected (not only the first) with its location, so one run of the importer
tells the author everything that is wrong, as the Licensing Law asks of an office (一次性告知).
The checks return cleaned entries ready to be written by ``services.catalogue_import``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from onevisit.accounts.models import Sector
from onevisit.catalogue import fileformat as ff
from onevisit.catalogue.models import (
    ApplicantType,
    BundleAudience,
    CaseType,
    CertificateType,
    Delivery,
    FormField,
    MaterialSource,
    Matter,
    MatterType,
    Provider,
)
from onevisit.core.errors import DomainError
from onevisit.core.models import RegionLevel
from onevisit.exchange import selectors as exchange_selectors

CODE_PATTERN = re.compile(r"^[A-Z0-9][A-Z0-9-]{0,31}$")
KEY_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,63}$")


@dataclass(frozen=True)
class Problem:
    location: str
    code: str
    message: str

    def as_detail(self) -> dict[str, str]:
        return {"field": self.location, "code": self.code, "message": self.message}

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"


@dataclass
class Checked:
    """The cleaned entries of an import, and its problems."""

    certificate_types: list[dict[str, Any]] = field(default_factory=list)
    form_fields: list[dict[str, Any]] = field(default_factory=list)
    matters: list[dict[str, Any]] = field(default_factory=list)
    bundles: list[dict[str, Any]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def problem(self, location: str, code: str, message: str) -> None:
        self.problems.append(Problem(location, code, message))


def collect(documents: list[ff.Document], checked: Checked) -> ff.CatalogueSet:
    entries = ff.CatalogueSet()
    prefix = len(documents) > 1 or any(d.name for d in documents)
    for document in documents:
        where = f"{document.name}: " if prefix and document.name else ""
        if document.data is None:
            continue
        if not isinstance(document.data, dict):
            checked.problem(f"{where}(file)", "invalid_value", _("文件内容应为键值映射"))
            continue
        for section, items in document.data.items():
            if section not in ff.SECTIONS:
                checked.problem(f"{where}{section}", "unknown_key", _("未知的顶层键 %(key)s") % {"key": section})
                continue
            if not isinstance(items, list):
                checked.problem(f"{where}{section}", "invalid_value", _("应为列表"))
                continue
            for i, item in enumerate(items):
                location = f"{where}{section}[{i}]"
                if not isinstance(item, dict):
                    checked.problem(location, "invalid_value", _("应为键值映射"))
                    continue
                entries.sections[section].append(ff.Entry(item, location))
    return entries


class _Checker:
    """Checks of one import against what is already catalogued."""

    def __init__(self, entries: ff.CatalogueSet, checked: Checked):
        self.entries = entries
        self.out = checked
        self.certificate_codes = set(CertificateType.objects.values_list("code", flat=True))
        self.form_keys = set(FormField.objects.values_list("key", flat=True))
        self.matter_codes = set(Matter.objects.values_list("code", flat=True))
        self.data_items = {
            item.code: {f.name for f in item.fields.all()} for item in exchange_selectors.catalogue_items_list()
        }

    # --- small helpers --------------------------------------------------------------------

    def unknown_keys(self, entry: ff.Entry | Any, data: dict, allowed: set[str], location: str) -> None:
        for key in data:
            if key not in allowed:
                self.out.problem(f"{location}.{key}", "unknown_key", _("未知的键 %(key)s") % {"key": key})

    def text(self, data: dict, key: str, location: str, *, required: bool = False, max_length: int = 300) -> str:
        value = data.get(key)
        if value is None or value == "":
            if required:
                self.out.problem(f"{location}.{key}", "missing_value", _("必填"))
            return ""
        if not isinstance(value, str | int | float) or isinstance(value, bool):
            self.out.problem(f"{location}.{key}", "invalid_value", _("应为文本"))
            return ""
        value = str(value).strip()
        if len(value) > max_length:
            self.out.problem(f"{location}.{key}", "invalid_value",
                             _("不能超过 %(n)d 个字符") % {"n": max_length})
        return value

    def choice(self, data: dict, key: str, choices: Any, location: str, *, code: str = "invalid_value",
               message: str | None = None, default: str | None = None) -> str:
        value = data.get(key, default)
        if value is None:
            self.out.problem(f"{location}.{key}", "missing_value", _("必填"))
            return ""
        if value not in choices.values:
            self.out.problem(f"{location}.{key}", code, (message or _("取值 %(value)s 无效，可选：%(allowed)s")) % {
                "value": value, "allowed": ", ".join(choices.values)})
            return ""
        return value

    def flag(self, data: dict, key: str, location: str, default: bool) -> bool:
        value = data.get(key, default)
        if not isinstance(value, bool):
            self.out.problem(f"{location}.{key}", "invalid_value", _("应为 true 或 false"))
            return default
        return value

    def days(self, data: dict, key: str, location: str) -> int | None:
        value = data.get(key)
        if value is None:
            return None
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 3650:
            self.out.problem(f"{location}.{key}", "invalid_value", _("应为 0 到 3650 之间的工作日数"))
            return None
        return value

    def code(self, data: dict, location: str, seen: dict[str, str], *, key: str = "code",
             pattern: re.Pattern = CODE_PATTERN) -> str:
        value = data.get(key)
        if not isinstance(value, str) or not pattern.match(value):
            self.out.problem(f"{location}.{key}", "invalid_value", _("编码 %(value)s 格式无效") % {"value": value})
            return ""
        if value in seen:
            self.out.problem(f"{location}.{key}", "duplicate_code",
                             _("编码 %(value)s 重复（已见于 %(other)s）") % {"value": value, "other": seen[value]})
            return ""
        seen[value] = location
        return value

    def sector(self, data: dict, key: str, location: str) -> str:
        return self.choice(data, key, Sector, location, code="unknown_department",
                           message=_("未知部门 %(value)s（可选条线：%(allowed)s）"))

    # --- sections -------------------------------------------------------------------------

    def run(self) -> None:
        seen: dict[str, str] = {}
        for entry in self.entries.sections["certificate_types"]:
            self.certificate_type(entry, seen)
        self.certificate_codes |= set(seen)
        seen = {}
        for entry in self.entries.sections["form_fields"]:
            self.form_field(entry, seen)
        self.form_keys |= set(seen)
        seen = {}
        for entry in self.entries.sections["matters"]:
            self.matter(entry, seen)
        self.matter_codes |= set(seen)
        seen = {}
        for entry in self.entries.sections["bundles"]:
            self.bundle(entry, seen)

    def certificate_type(self, entry: ff.Entry, seen: dict[str, str]) -> None:
        data, loc = entry.data, entry.location
        self.unknown_keys(entry, data, ff.CERTIFICATE_TYPE_KEYS, loc)
        code = self.code(data, loc, seen, pattern=KEY_PATTERN)
        fields = data.get("fields") or {}
        if not isinstance(fields, dict) or not all(
                isinstance(k, str) and KEY_PATTERN.match(k) and isinstance(v, str) for k, v in fields.items()):
            self.out.problem(f"{loc}.fields", "invalid_value", _("应为“字段名: 中文名称”的映射"))
            fields = {}
        self.out.certificate_types.append({
            "code": code, "name": self.text(data, "name", loc, required=True, max_length=128),
            "name_en": self.text(data, "name_en", loc, max_length=200),
            "issuing_sector": self.sector(data, "sector", loc),
            "fields": [{"name": k, "label": v} for k, v in fields.items()],
        })

    def form_field(self, entry: ff.Entry, seen: dict[str, str]) -> None:
        data, loc = entry.data, entry.location
        self.unknown_keys(entry, data, ff.FORM_FIELD_KEYS, loc)
        key = self.code(data, loc, seen, key="key", pattern=KEY_PATTERN)
        schema = data.get("schema") or {"type": "string"}
        if not isinstance(schema, dict) or schema.get("type") not in ff.FORM_SCHEMA_TYPES:
            self.out.problem(f"{loc}.schema.type", "invalid_value", _("取值 %(value)s 无效，可选：%(allowed)s") % {
                "value": schema.get("type") if isinstance(schema, dict) else schema,
                "allowed": ", ".join(sorted(ff.FORM_SCHEMA_TYPES))})
            schema = {"type": "string"}
        self.unknown_keys(entry, schema, ff.FORM_SCHEMA_KEYS, f"{loc}.schema")
        if "enum" in schema and not isinstance(schema["enum"], list):
            self.out.problem(f"{loc}.schema.enum", "invalid_value", _("应为列表"))
        if "pattern" in schema:
            try:
                re.compile(str(schema["pattern"]))
            except re.error:
                self.out.problem(f"{loc}.schema.pattern", "invalid_value", _("不是有效的正则表达式"))
        self.out.form_fields.append({
            "key": key, "label": self.text(data, "label", loc, required=True, max_length=128),
            "label_en": self.text(data, "label_en", loc, max_length=200), "schema": schema,
            "help_text": self.text(data, "help", loc),
        })

    def matter(self, entry: ff.Entry, seen: dict[str, str]) -> None:
        data, loc = entry.data, entry.location
        self.unknown_keys(entry, data, ff.MATTER_KEYS, loc)
        statutory, committed = self.days(data, "statutory_days", loc), self.days(data, "committed_days", loc)
        if statutory is not None and committed is not None and committed > statutory:
            self.out.problem(f"{loc}.committed_days", "invalid_value",
                             _("承诺时限（%(c)d）不能长于法定时限（%(s)d）") % {"c": committed, "s": statutory})
        delivery = data.get("delivery", [Delivery.ELECTRONIC])
        if not isinstance(delivery, list) or not delivery or any(d not in Delivery.values for d in delivery):
            self.out.problem(f"{loc}.delivery", "invalid_value", _("取值 %(value)s 无效，可选：%(allowed)s") % {
                "value": delivery, "allowed": ", ".join(Delivery.values)})
            delivery = []
        result_certificate = data.get("result_certificate")
        if result_certificate is not None and result_certificate not in self.certificate_codes:
            self.out.problem(f"{loc}.result_certificate", "unknown_certificate_type",
                             _("未知电子证照类型 %(value)s") % {"value": result_certificate})
        fee = self.text(data, "fee", loc)
        in_person_reason = self.text(data, "in_person_reason", loc)
        materials = data.get("materials") or []
        if not isinstance(materials, list):
            self.out.problem(f"{loc}.materials", "invalid_value", _("应为列表"))
            materials = []
        self.out.matters.append({
            "code": self.code(data, loc, seen),
            "name": self.text(data, "name", loc, required=True, max_length=128),
            "name_en": self.text(data, "name_en", loc, max_length=200),
            "matter_type": self.choice(data, "type", MatterType, loc),
            "competent_sector": self.sector(data, "department", loc),
            "implementing_level": self.choice(data, "level", RegionLevel, loc),
            "provider": self.choice(data, "provider", Provider, loc, default=Provider.GOVERNMENT),
            "provider_name": self.text(data, "provider_name", loc, max_length=128),
            "legal_basis": self.text(data, "legal_basis", loc, max_length=2000),
            "applicant_type": self.choice(data, "applicant", ApplicantType, loc),
            "case_type": self.choice(data, "case_type", CaseType, loc),
            "statutory_limit_days": statutory, "statutory_limit_note": self.text(data, "statutory_note", loc),
            "committed_limit_days": committed, "committed_limit_note": self.text(data, "committed_note", loc),
            "fee_free": not fee, "fee_note": fee,
            "result_name": self.text(data, "result", loc, max_length=200),
            "result_certificate": result_certificate if result_certificate in self.certificate_codes else None,
            "delivery": delivery,
            "online": self.flag(data, "online", loc, True), "mobile": self.flag(data, "mobile", loc, True),
            "conditions": self.text(data, "conditions", loc, max_length=2000),
            "in_person_check": bool(in_person_reason), "in_person_reason": in_person_reason,
            "process_bpmn": self.process(data, loc),
            "materials": [self.material(m, f"{loc}.materials[{j}]") for j, m in enumerate(materials)],
        })

    def process(self, data: dict, loc: str) -> str:
        """The matter's own BPMN process, parsed and checked by the case engine."""
        from onevisit.cases.workflow import process_validate

        text = data.get("process") or ""
        if not text:
            return ""
        if not isinstance(text, str):
            self.out.problem(f"{loc}.process", "invalid_process", _("应为 BPMN 文件名或 BPMN 文本"))
            return ""
        try:
            process_validate(text)
        except DomainError as exc:
            detail = exc.details[0]["message"] if isinstance(exc.details, list) and exc.details else str(exc)
            self.out.problem(f"{loc}.process", "invalid_process", detail)
            return ""
        return text

    def material(self, data: Any, loc: str) -> dict[str, Any]:
        if not isinstance(data, dict):
            self.out.problem(loc, "invalid_value", _("应为键值映射"))
            return {}
        self.unknown_keys(None, data, ff.MATERIAL_KEYS, loc)
        sources = [key for key in ff.SOURCE_KEYS if key in data]
        material: dict[str, Any] = {
            "name": self.text(data, "name", loc, required=True, max_length=200),
            "source": "", "data_item": "", "data_fields": [], "certificate_type": None, "form_fields": [],
            "accepted_types": [], "max_size_mb": None,
            "required": self.flag(data, "required", loc, True),
            "condition": self.text(data, "condition", loc),
            "waivable_by_commitment": self.flag(data, "commitment", loc, False),
            "supply_later": self.flag(data, "supply_later", loc, False),
        }
        if len(sources) != 1:
            self.out.problem(loc, "invalid_value", _("须且只能写一种来源：%(allowed)s") % {
                "allowed": ", ".join(ff.SOURCE_KEYS)})
            return material
        source = material["source"] = sources[0]
        value = data[source]
        if source == MaterialSource.SHARED:
            material["data_item"] = value
            fields = data.get("fields") or []
            material["data_fields"] = fields
            if value not in self.data_items:
                self.out.problem(f"{loc}.shared", "unknown_data_item", _("未知共享数据项 %(value)s") % {"value": value})
            elif not isinstance(fields, list):
                self.out.problem(f"{loc}.fields", "invalid_value", _("应为列表"))
            else:
                for name in fields:
                    if name not in self.data_items[value]:
                        self.out.problem(f"{loc}.fields", "unknown_data_field",
                                         _("数据项 %(item)s 没有字段 %(value)s") % {"item": value, "value": name})
        elif source == MaterialSource.CERTIFICATE:
            material["certificate_type"] = value
            if value not in self.certificate_codes:
                self.out.problem(f"{loc}.certificate", "unknown_certificate_type",
                                 _("未知电子证照类型 %(value)s") % {"value": value})
        elif source == MaterialSource.FORM:
            keys = value if isinstance(value, list) else [value]
            material["form_fields"] = keys
            for key in keys:
                if key not in self.form_keys:
                    self.out.problem(f"{loc}.form", "unknown_form_field", _("未知表单字段 %(value)s") % {"value": key})
        elif source == MaterialSource.UPLOAD:
            types = value if isinstance(value, list) else []
            if not types or any(t not in ff.UPLOAD_TYPES for t in types):
                self.out.problem(f"{loc}.upload", "invalid_value", _("取值 %(value)s 无效，可选：%(allowed)s") % {
                    "value": value, "allowed": ", ".join(sorted(ff.UPLOAD_TYPES))})
            material["accepted_types"] = types
            size = data.get("max_size_mb", 10)
            if not isinstance(size, int) or isinstance(size, bool) or not 1 <= size <= 100:
                self.out.problem(f"{loc}.max_size_mb", "invalid_value", _("应为 1 到 100 之间的整数"))
                size = 10
            material["max_size_mb"] = size
        elif value is not True:
            self.out.problem(f"{loc}.original", "invalid_value", _("应为 true"))
        return material

    def bundle(self, entry: ff.Entry, seen: dict[str, str]) -> None:
        data, loc = entry.data, entry.location
        self.unknown_keys(entry, data, ff.BUNDLE_KEYS, loc)
        components = data.get("components") or []
        if not isinstance(components, list) or not components:
            self.out.problem(f"{loc}.components", "missing_value", _("至少包含一个事项"))
            components = []
        cleaned: list[dict[str, Any]] = []
        in_bundle: dict[str, str] = {}
        for j, component in enumerate(components):
            cloc = f"{loc}.components[{j}]"
            if not isinstance(component, dict):
                self.out.problem(cloc, "invalid_value", _("应为键值映射"))
                continue
            self.unknown_keys(None, component, ff.COMPONENT_KEYS, cloc)
            matter = component.get("matter")
            if matter not in self.matter_codes:
                self.out.problem(f"{cloc}.matter", "unknown_matter", _("未知事项 %(value)s") % {"value": matter})
            elif matter in in_bundle:
                self.out.problem(f"{cloc}.matter", "duplicate_code",
                                 _("编码 %(value)s 重复（已见于 %(other)s）") % {"value": matter, "other": in_bundle[matter]})
            else:
                in_bundle[matter] = cloc
            depends_on = component.get("depends_on") or []
            if not isinstance(depends_on, list):
                depends_on = [depends_on]
            cleaned.append({"matter": matter, "depends_on": depends_on, "location": cloc,
                            "optional": self.flag(component, "optional", cloc, False),
                            "condition": self.text(component, "condition", cloc)})
        for component in cleaned:
            for other in component["depends_on"]:
                if other not in in_bundle or other == component["matter"]:
                    self.out.problem(f"{component['location']}.depends_on", "unknown_matter",
                                     _("未知事项 %(value)s（须为本一件事中的其他事项）") % {"value": other})
        cycle = _find_cycle({c["matter"]: [d for d in c["depends_on"] if d in in_bundle] for c in cleaned})
        if cycle:
            self.out.problem(f"{loc}.components", "dependency_cycle",
                             _("前置关系成环：%(cycle)s") % {"cycle": " → ".join(cycle)})
        self.out.bundles.append({
            "code": self.code(data, loc, seen),
            "name": self.text(data, "name", loc, required=True, max_length=128),
            "name_en": self.text(data, "name_en", loc, max_length=200),
            "audience": self.choice(data, "audience", BundleAudience, loc),
            "lead_sector": self.sector(data, "lead", loc),
            "description": self.text(data, "description", loc, max_length=2000),
            "committed_limit_days": self.days(data, "committed_days", loc),
            "committed_limit_note": self.text(data, "committed_note", loc),
            "components": cleaned,
        })


def _find_cycle(graph: dict[str, list[str]]) -> list[str]:
    """One cycle of ``graph`` (node -> nodes it depends on) as a path that returns to its start."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = 1
        path.append(node)
        for nxt in graph.get(node, []):
            if state.get(nxt) == 1:
                return path[path.index(nxt):] + [nxt]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        path.pop()
        state[node] = 2
        return []

    for node in graph:
        if node not in state:
            found = visit(node)
            if found:
                return found
    return []


def check(documents: list[ff.Document]) -> Checked:
    """Clean and check every entry of ``documents`` against each other and the database."""
    checked = Checked()
    entries = collect(documents, checked)
    _Checker(entries, checked).run()
    return checked

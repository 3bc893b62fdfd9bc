"""The catalogue file format (YAML or JSON): reading files, and the keys each entry may have.

A file is a mapping with any of ``certificate_types``, ``form_fields``, ``matters`` and
``bundles``, each a list. See docs/catalogue.md for an example of each entry.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

SECTIONS = ("certificate_types", "form_fields", "matters", "bundles")

CERTIFICATE_TYPE_KEYS = {"code", "name", "name_en", "sector", "fields"}
FORM_FIELD_KEYS = {"key", "label", "label_en", "schema", "help"}
MATTER_KEYS = {
    "code", "name", "name_en", "type", "department", "level", "provider", "provider_name", "legal_basis",
    "applicant", "case_type", "statutory_days", "statutory_note", "committed_days", "committed_note", "fee",
    "result", "result_certificate", "delivery", "online", "mobile", "conditions", "in_person_reason", "materials",
    "process",
}
SOURCE_KEYS = ("shared", "certificate", "form", "upload", "original")
MATERIAL_KEYS = {
    "name", *SOURCE_KEYS, "fields", "max_size_mb", "required", "condition", "commitment", "supply_later",
}
BUNDLE_KEYS = {"code", "name", "name_en", "audience", "lead", "description", "committed_days", "committed_note",
               "components"}
COMPONENT_KEYS = {"matter", "depends_on", "optional", "condition"}
FORM_SCHEMA_KEYS = {"type", "format", "enum", "pattern", "maxLength", "minLength", "minimum", "maximum"}
FORM_SCHEMA_TYPES = {"string", "integer", "number", "boolean", "array"}
UPLOAD_TYPES = {"pdf", "jpg", "jpeg", "png", "ofd"}


@dataclass
class Entry:
    """One entry of a section, with where it was read: ``matters.yaml: matters[3]``."""

    data: Any
    location: str


@dataclass
class Document:
    name: str
    data: Any


@dataclass
class CatalogueSet:
    """Every entry of every file of one import, section by section."""

    sections: dict[str, list[Entry]] = field(default_factory=lambda: {s: [] for s in SECTIONS})


def load_file(path: Path) -> Document:
    """Parse one file; a syntax error becomes a ValueError naming the file and line."""
    text = path.read_text(encoding="utf-8")
    try:
        data = json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)
    except (yaml.YAMLError, json.JSONDecodeError) as exc:
        raise ValueError(f"{path.name}: {exc}") from exc
    _inline_processes(path, data)
    return Document(name=path.name, data=data)


def _inline_processes(path: Path, data: Any) -> None:
    """A matter's ``process: file.bpmn`` names a BPMN file beside the catalogue file; its text
    replaces the name, so validation and import see the process itself."""
    matters = data.get("matters") if isinstance(data, dict) else None
    for matter in matters if isinstance(matters, list) else []:
        ref = matter.get("process") if isinstance(matter, dict) else None
        if isinstance(ref, str) and ref.strip().endswith(".bpmn") and "\n" not in ref:
            target = (path.parent / ref.strip()).resolve()
            if not target.is_file():
                raise ValueError(f"{path.name}: process file {ref} not found")
            matter["process"] = target.read_text(encoding="utf-8")


def dump(data: dict[str, Any], *, fmt: str = "yaml") -> str:
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=110)

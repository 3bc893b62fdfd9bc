"""HTML inputs for an application's JSON-Schema form fields, and posted values back to JSON.

The schema of each field comes from the province's form-field dictionary (catalogue
``FormField.schema``); the server validates the values again when they are saved.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from onevisit.catalogue.models import FormField
from onevisit.exchange import selectors as exchange_selectors


@dataclass
class FormFieldView:
    key: str
    label: str
    widget: str  # text / textarea / number / date / datetime / select / checkbox / checkboxes
    value: Any
    required: bool
    help: str = ""
    options: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    attrs: dict[str, Any] = field(default_factory=dict)
    matters: list[str] = field(default_factory=list)


def _widget(schema: dict) -> str:
    kind = schema.get("type")
    if kind == "boolean":
        return "checkbox"
    if kind == "array":
        return "checkboxes" if "enum" in schema else "lines"
    if kind in ("integer", "number"):
        return "number"
    if "enum" in schema:
        return "select"
    if schema.get("format") == "date":
        return "date"
    if schema.get("format") == "date-time":
        return "datetime"
    return "textarea" if schema.get("maxLength", 0) > 200 else "text"


def form_field_views(states, *, values: dict, errors: dict[str, list[str]]) -> list[FormFieldView]:
    fields = {f.key: f for f in FormField.objects.filter(key__in=[s.requirement.key for s in states])}
    english = (get_language() or "").startswith("en")
    views = []
    for state in states:
        key = state.requirement.key
        f = fields.get(key)
        schema = dict(f.schema) if f else {"type": "string", "maxLength": 500}
        label = (f.label_en if english and f and f.label_en else (f.label if f else key))
        attrs = {}
        if "maxLength" in schema:
            attrs["maxlength"] = schema["maxLength"]
        for bound in ("minimum", "maximum"):
            if bound in schema:
                attrs[bound[:3]] = schema[bound]
        if schema.get("type") == "number":
            attrs["step"] = "any"
        value = values.get(key)
        if _widget(schema) == "lines" and isinstance(value, list):
            value = "\n".join(_line(item) for item in value)
        views.append(FormFieldView(
            key=key, label=str(label), widget=_widget(schema), value=value,
            required=state.requirement.required, help=f.help_text if f else "",
            options=list(schema.get("enum", [])), attrs=attrs, matters=list(state.requirement.matters),
            errors=[str(e) for e in errors.get(key, [])],
        ))
    return views


def evidence_cards(rows) -> list[tuple[Any, list[list[tuple[str, str]]]]]:
    """(requirement state, records) for the evidence preview: each masked record as (label,
    text) pairs in the catalogue's field order, labelled in the page's language."""
    from onevisit.applications.selectors import evidence_records

    labels = exchange_selectors.field_labels(items=[s.requirement.key for s in rows],
                                             english=(get_language() or "").startswith("en"))
    return [(s, evidence_records(evidence=s.evidence, labels=labels.get(s.requirement.key, {}))) for s in rows]


def _line(item: Any) -> str:
    if isinstance(item, dict):
        return "，".join(str(v) for v in item.values())
    return str(item)


def values_from_post(post, *, keys: list[str]) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """Posted strings to JSON values by each field's schema type; empty inputs are left out
    (a draft may be saved half-filled), and a checkbox left unticked is ``False``."""
    schemas = {f.key: f.schema for f in FormField.objects.filter(key__in=keys)}
    values: dict[str, Any] = {}
    errors: dict[str, list[str]] = {}
    for key in keys:
        schema = schemas.get(key, {"type": "string"})
        kind = schema.get("type")
        if kind == "boolean":
            values[key] = post.get(key) == "on"
            continue
        if kind == "array" and "enum" in schema:
            chosen = [v for v in post.getlist(key) if v]
            if chosen:
                values[key] = chosen
            continue
        if kind == "array":  # free list: one entry per line
            lines = [line.strip() for line in (post.get(key) or "").splitlines() if line.strip()]
            if lines:
                values[key] = lines
            continue
        raw = (post.get(key) or "").strip()
        if not raw:
            continue
        if kind in ("integer", "number"):
            try:
                number = float(raw)
            except ValueError:
                errors[key] = [_("请输入数字")]
                continue
            if kind == "integer" and not number.is_integer():
                errors[key] = [_("请输入整数")]
                continue
            values[key] = int(number) if kind == "integer" else number
        elif schema.get("format") == "date-time":
            try:
                moment = datetime.datetime.fromisoformat(raw)
            except ValueError:
                errors[key] = [_("请输入有效的日期和时间")]
                continue
            if moment.tzinfo is None:
                moment = moment.replace(tzinfo=datetime.timezone(datetime.timedelta(hours=8)))
            values[key] = moment.isoformat()
        else:
            values[key] = raw
    return values, errors

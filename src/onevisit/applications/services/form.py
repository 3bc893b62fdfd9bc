"""The form of an application: a JSON Schema of the remaining fields, validated per field."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from jsonschema import Draft202012Validator, FormatChecker

from onevisit.applications.errors import StaleVersion
from onevisit.applications.models import Application
from onevisit.applications.services.common import locked_draft
from onevisit.catalogue.models import FormField
from onevisit.core.errors import ValidationFailed

MAX_FIELDS = 200


def form_schema(*, keys: list[str]) -> dict[str, Any]:
    """A JSON Schema (2020-12) object with one property per form field key."""
    fields = {f.key: f for f in FormField.objects.filter(key__in=keys)}
    properties = {}
    for key in keys:
        f = fields.get(key)
        schema = dict(f.schema) if f is not None else {"type": "string", "maxLength": 500}
        if schema.get("type") == "array" and "enum" in schema:
            # The dictionary's enum on an array lists the allowed items (a multiple choice).
            schema["items"] = {"enum": schema.pop("enum")}
            schema["uniqueItems"] = True
        if f is not None:
            schema.setdefault("title", f.label)
            if f.help_text:
                schema.setdefault("description", f.help_text)
        properties[key] = schema
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object",
            "properties": properties, "additionalProperties": False}


def form_errors(*, data: dict[str, Any], keys: list[str]) -> dict[str, list[dict[str, str]]]:
    """Errors of the provided values, by field key (values that are not there are not errors)."""
    schema = form_schema(keys=keys)
    out: dict[str, list[dict[str, str]]] = {}
    for key, value in data.items():
        if key not in keys:
            continue
        validator = Draft202012Validator(schema["properties"][key], format_checker=FormatChecker())
        for error in validator.iter_errors(value):
            out.setdefault(key, []).append({"field": key, "message": rule_message(error.validator, error.validator_value),
                                            "rule": str(error.validator)})
    return out


def rule_message(rule: str, limit: Any) -> str:
    """What a person can act on, for the JSON-Schema rule a value broke."""
    messages = {
        "type": _("格式不对，请重新填写"),
        "enum": _("请从给出的选项中选择"),
        "pattern": _("格式不正确，请检查后重新填写"),
        "maxLength": _("不能超过 %(n)s 个字") % {"n": limit},
        "minLength": _("至少需要 %(n)s 个字") % {"n": limit},
        "minimum": _("不能小于 %(n)s") % {"n": limit},
        "maximum": _("不能大于 %(n)s") % {"n": limit},
        "format": _("请填写有效的日期或时间"),
        "uniqueItems": _("选项不能重复"),
    }
    return str(messages.get(rule, _("取值不符合要求")))


def application_save_form(*, application: Application, data: dict[str, Any], version: int) -> Application:
    """Save some fields of a draft's form (partial: other fields stay as they were).

    Guarantees: every provided field is checked against its schema; nothing is saved if any is
    wrong. Raises ValidationFailed (details: one entry per field: unknown field or broken rule),
    StaleVersion (``version`` is not the draft's current version), NotDraft.
    """
    from onevisit.applications.requirements import Kind
    from onevisit.applications.selectors import application_requirements

    if not isinstance(data, dict) or len(data) > MAX_FIELDS:
        raise ValidationFailed.for_field("data", _("表单内容应为字段对象"))
    keys = [r.key for r in application_requirements(application=application) if r.kind == Kind.FORM]
    details = [{"field": key, "message": str(_("该申请没有此字段")), "rule": "unknown"}
               for key in data if key not in keys]
    for field_errors in form_errors(data=data, keys=keys).values():
        details += field_errors
    if details:
        raise ValidationFailed(details=details)
    with transaction.atomic():
        draft = locked_draft(application.pk)
        if draft.version != version:
            raise StaleVersion(details={"version": draft.version})
        draft.form_data = {**draft.form_data, **data}
        draft.version += 1
        draft.save(update_fields=["form_data", "version", "updated_at"])
    return draft

"""Strict reading of the registries' HTTP JSON answers (the format is in docs/providers.md and
written by ``onevisit.registries.http_api``).

Anything that is not exactly a complete answer -- wrong types, missing or unexpected keys, a
record about another subject or item, a field that was not asked for, fewer records than the
answer says it has -- raises :class:`MalformedAnswer`. The transport turns that into
:class:`ProviderUnavailable`: a partial answer is never evidence.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Mapping
from typing import Any

from onevisit.registries.contract import (
    FieldSpec,
    FieldType,
    ItemSpec,
    Query,
    QueryResult,
    Record,
    Sensitivity,
    SubjectType,
)


class MalformedAnswer(ValueError):
    pass


def _object(value: Any, where: str, required: set[str], optional: frozenset[str] = frozenset()) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise MalformedAnswer(f"{where}: expected an object")
    missing = required - set(value)
    extra = set(value) - required - optional
    if missing or extra:
        raise MalformedAnswer(f"{where}: missing {sorted(missing)}, unexpected {sorted(extra)}")
    return value


def _string(value: Any, where: str, *, empty: bool = False) -> str:
    if not isinstance(value, str) or (not empty and not value):
        raise MalformedAnswer(f"{where}: expected a non-empty string")
    return value


def _datetime(value: Any, where: str) -> datetime.datetime:
    text = _string(value, where)
    try:
        parsed = datetime.datetime.fromisoformat(text)
    except ValueError:
        raise MalformedAnswer(f"{where}: not an ISO 8601 date-time: {text!r}") from None
    if parsed.tzinfo is None:
        raise MalformedAnswer(f"{where}: date-time without a UTC offset: {text!r}")
    return parsed


def _json_value(value: Any, where: str) -> Any:
    if value is None or isinstance(value, str | bool | int):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise MalformedAnswer(f"{where}: not a finite number")
        return value
    if isinstance(value, list):
        return [_json_value(v, f"{where}[{i}]") for i, v in enumerate(value)]
    if isinstance(value, dict):
        return {_string(k, where, empty=True): _json_value(v, f"{where}.{k}") for k, v in value.items()}
    raise MalformedAnswer(f"{where}: not a JSON value")


def _enum(enum_cls: Any, value: Any, where: str) -> Any:
    try:
        return enum_cls(value)
    except ValueError:
        raise MalformedAnswer(f"{where}: unknown value {value!r}") from None


def item_specs(body: Any, *, provider: str) -> tuple[ItemSpec, ...]:
    """An answer of ``GET <base>/v1/items``."""
    answer = _object(body, "items answer", {"registry", "name", "items"})
    if answer["registry"] != provider:
        raise MalformedAnswer(f"items answer is from registry {answer['registry']!r}, not {provider!r}")
    if not isinstance(answer["items"], list):
        raise MalformedAnswer("items: expected a list")
    specs = []
    for i, raw in enumerate(answer["items"]):
        where = f"items[{i}]"
        item = _object(raw, where, {"code", "name", "name_en", "subject_type", "fields", "update_frequency"})
        code = _string(item["code"], f"{where}.code")
        if not code.startswith(provider + "."):
            raise MalformedAnswer(f"{where}.code {code!r} is not an item of {provider}")
        if not isinstance(item["fields"], list):
            raise MalformedAnswer(f"{where}.fields: expected a list")
        fields = []
        for j, raw_field in enumerate(item["fields"]):
            fwhere = f"{where}.fields[{j}]"
            f = _object(raw_field, fwhere, {"name", "type", "label", "label_en", "sensitivity"})
            fields.append(FieldSpec(
                name=_string(f["name"], f"{fwhere}.name"),
                type=_enum(FieldType, f["type"], f"{fwhere}.type"),
                label=_string(f["label"], f"{fwhere}.label", empty=True),
                label_en=_string(f["label_en"], f"{fwhere}.label_en", empty=True),
                sensitivity=_enum(Sensitivity, f["sensitivity"], f"{fwhere}.sensitivity"),
            ))
        specs.append(ItemSpec(
            code=code,
            name=_string(item["name"], f"{where}.name", empty=True),
            name_en=_string(item["name_en"], f"{where}.name_en", empty=True),
            subject_type=_enum(SubjectType, item["subject_type"], f"{where}.subject_type"),
            fields=tuple(fields),
            update_frequency=_string(item["update_frequency"], f"{where}.update_frequency"),
        ))
    return tuple(specs)


def query_result(body: Any, *, provider: str, query: Query) -> QueryResult:
    """An answer of ``POST <base>/v1/query`` for ``query``, checked to be complete and about
    exactly the asked item, subject and fields."""
    answer = _object(body, "query answer", {"item", "subject", "retrieved_at", "count", "records"})
    if answer["item"] != query.item or answer["subject"] != query.subject:
        raise MalformedAnswer("query answer is about another item or subject than asked")
    records_raw = answer["records"]
    count = answer["count"]
    if not isinstance(records_raw, list) or not isinstance(count, int) or isinstance(count, bool):
        raise MalformedAnswer("query answer: records must be a list and count an integer")
    if count != len(records_raw):
        raise MalformedAnswer(f"query answer says {count} records but holds {len(records_raw)}")
    asked = set(query.fields) if query.fields is not None else None
    records = []
    for i, raw in enumerate(records_raw):
        where = f"records[{i}]"
        r = _object(raw, where, {"record_id", "item", "subject", "data", "source", "version", "updated_at"})
        if r["item"] != query.item or r["subject"] != query.subject:
            raise MalformedAnswer(f"{where} is about another item or subject than asked")
        if r["source"] != provider:
            raise MalformedAnswer(f"{where}.source {r['source']!r} is not {provider!r}")
        version = r["version"]
        if not isinstance(version, int) or isinstance(version, bool):
            raise MalformedAnswer(f"{where}.version: expected an integer")
        if not isinstance(r["data"], dict):
            raise MalformedAnswer(f"{where}.data: expected an object")
        data = _json_value(r["data"], f"{where}.data")
        if asked is not None and not set(data) <= asked:
            raise MalformedAnswer(f"{where}.data holds fields that were not asked for")
        records.append(Record(
            item=query.item, subject=query.subject, record_id=_string(r["record_id"], f"{where}.record_id"),
            data=data, source=provider, version=version, updated_at=_datetime(r["updated_at"], f"{where}.updated_at"),
        ))
    return QueryResult(records=tuple(records), retrieved_at=_datetime(answer["retrieved_at"], "retrieved_at"))


def error_body(body: Any) -> tuple[str, str, dict[str, Any]]:
    """``(code, message, details)`` of an error answer; empty strings when it is not one."""
    if isinstance(body, dict) and isinstance(body.get("code"), str):
        details = body.get("details")
        return body["code"], str(body.get("message", "")), details if isinstance(details, dict) else {}
    return "", "", {}

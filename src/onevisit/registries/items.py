"""Building blocks for the registries' provider modules: field specs, subject checks, records."""

from __future__ import annotations

import datetime
import decimal
from typing import Any

from onevisit.core.errors import ValidationFailed
from onevisit.core.identifiers import normalize_uscc, parse_resident_id
from onevisit.registries.base import RegistryRecord
from onevisit.registries.contract import FieldSpec, FieldType, InvalidQuery, Record, Sensitivity

PUBLIC = Sensitivity.PUBLIC
INTERNAL = Sensitivity.INTERNAL
SENSITIVE = Sensitivity.SENSITIVE_PERSONAL


def f(name: str, type_: FieldType, label: str, label_en: str, sensitivity: Sensitivity = INTERNAL) -> FieldSpec:
    return FieldSpec(name=name, type=type_, label=label, label_en=label_en, sensitivity=sensitivity)


def person_subject(subject: str, *, provider: str) -> str:
    """The normalised resident ID number, or InvalidQuery."""
    try:
        return parse_resident_id(subject, field="subject").number
    except ValidationFailed as error:
        raise InvalidQuery(f"subject is not a valid resident ID number: {subject!r}", provider=provider,
                           details={"errors": error.details}) from None


def enterprise_subject(subject: str, *, provider: str) -> str:
    """The normalised unified social credit code, or InvalidQuery."""
    try:
        return normalize_uscc(subject, field="subject")
    except ValidationFailed as error:
        raise InvalidQuery(f"subject is not a valid unified social credit code: {subject!r}", provider=provider,
                           details={"errors": error.details}) from None


def value(v: Any) -> Any:
    """JSON-friendly: ISO dates and times, decimals as strings."""
    if isinstance(v, datetime.datetime | datetime.date):
        return v.isoformat()
    if isinstance(v, decimal.Decimal):
        return str(v)
    return v


def record(item: str, subject: str, row: RegistryRecord, data: dict[str, Any], *, source: str,
           record_id: str | None = None, version: int | None = None,
           updated_at: datetime.datetime | None = None) -> Record:
    return Record(
        item=item, subject=subject, record_id=record_id or str(row.pk),
        data={k: value(v) for k, v in data.items()}, source=source,
        version=version if version is not None else row.version,
        updated_at=updated_at or row.updated_at,
    )

"""The provider contract between a department registry and the public data platform.

A registry answers one kind of question: "the records of data item ITEM about SUBJECT". The
subject is a resident ID number (a person) or a USCC (an enterprise). The answer is a list of
records, each with its source registry, version and update time, so the platform can show
where evidence came from and how fresh it is. Transports (in-process, HTTP) carry exactly these
types; the exchange never sees a registry's models.
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol


class SubjectType(enum.StrEnum):
    PERSON = "person"  # resident ID number (GB 11643)
    ENTERPRISE = "enterprise"  # unified social credit code (GB 32100)


class FieldType(enum.StrEnum):
    STRING = "string"
    DATE = "date"
    DATETIME = "datetime"
    INTEGER = "integer"
    DECIMAL = "decimal"
    BOOLEAN = "boolean"
    ID_NUMBER = "id_number"
    USCC = "uscc"
    LIST = "list"


class Sensitivity(enum.StrEnum):
    PUBLIC = "public"
    INTERNAL = "internal"
    SENSITIVE_PERSONAL = "sensitive_personal"


@dataclass(frozen=True)
class FieldSpec:
    name: str
    type: FieldType
    label: str  # Simplified Chinese, as the registry names it
    label_en: str
    sensitivity: Sensitivity = Sensitivity.INTERNAL


@dataclass(frozen=True)
class ItemSpec:
    """A data item a registry publishes: what it is about and which fields it has."""

    code: str  # "<registry>.<item>", e.g. "population.hukou"
    name: str
    name_en: str
    subject_type: SubjectType
    fields: tuple[FieldSpec, ...]
    update_frequency: str = "realtime"  # realtime / daily / monthly / yearly

    def field_names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)


@dataclass(frozen=True)
class Query:
    item: str
    subject: str
    fields: tuple[str, ...] | None = None  # None: every field of the item


@dataclass(frozen=True)
class Record:
    item: str
    subject: str
    record_id: str  # stable id of the record inside its registry
    data: Mapping[str, Any]  # JSON-serialisable values (dates as ISO strings)
    source: str  # registry code, e.g. "population"
    version: int
    updated_at: datetime.datetime


@dataclass(frozen=True)
class QueryResult:
    records: tuple[Record, ...]
    retrieved_at: datetime.datetime


class ProviderError(Exception):
    """Base of everything a provider call can fail with. ``code`` is stable for logs and APIs."""

    code = "provider_error"

    def __init__(self, message: str, *, provider: str = "", details: Mapping[str, Any] | None = None):
        super().__init__(message)
        self.provider = provider
        self.details = dict(details or {})


class ProviderUnavailable(ProviderError):
    code = "provider_unavailable"  # connection refused, 5xx, registry database down


class ProviderTimeout(ProviderError):
    code = "provider_timeout"  # no complete answer within the bounded timeout


class ProviderRejected(ProviderError):
    code = "provider_rejected"  # the registry refused us: bad client credentials, not allowed


class UnknownItem(ProviderError):
    code = "unknown_item"  # the registry does not publish this item


class InvalidQuery(ProviderError):
    code = "invalid_query"  # subject malformed for the item, or a field the item does not have


class Provider(Protocol):
    """What a transport offers the exchange for one registry."""

    code: str

    def items(self) -> tuple[ItemSpec, ...]: ...

    def query(self, query: Query, *, timeout: float) -> QueryResult: ...


Handler = Callable[[str, tuple[str, ...]], list[Record]]


@dataclass
class RegistryProvider:
    """The registry side of the contract: item specs plus one handler per item.

    A registry app builds one in its ``provider.py``; ``query`` validates the request against
    the specs and keeps only the asked-for fields.
    """

    code: str
    name: str
    items_by_code: dict[str, tuple[ItemSpec, Handler]] = field(default_factory=dict)

    def register(self, spec: ItemSpec, handler: Handler) -> None:
        if not spec.code.startswith(self.code + "."):
            raise ValueError(f"item {spec.code} must start with {self.code}.")
        self.items_by_code[spec.code] = (spec, handler)

    def items(self) -> tuple[ItemSpec, ...]:
        return tuple(spec for spec, _handler in self.items_by_code.values())

    def query(self, query: Query, *, timeout: float | None = None) -> QueryResult:
        try:
            spec, handler = self.items_by_code[query.item]
        except KeyError:
            raise UnknownItem(f"{self.code} does not publish {query.item}", provider=self.code) from None
        wanted = query.fields if query.fields is not None else spec.field_names()
        unknown = sorted(set(wanted) - set(spec.field_names()))
        if unknown:
            raise InvalidQuery(f"{query.item} has no field(s) {', '.join(unknown)}", provider=self.code,
                               details={"fields": unknown})
        records = handler(query.subject, tuple(wanted))
        retrieved_at = datetime.datetime.now(datetime.UTC)
        trimmed = tuple(
            Record(item=r.item, subject=r.subject, record_id=r.record_id,
                   data={k: v for k, v in r.data.items() if k in wanted},
                   source=r.source, version=r.version, updated_at=r.updated_at)
            for r in records
        )
        return QueryResult(records=trimmed, retrieved_at=retrieved_at)

"""The sharing gateway (共享网关): the one way data leaves a registry for another department.

``gateway_fetch`` checks the call (consumer, purpose, subject, acting user, reference), finds a
live grant, calls the owning registry's provider with a bounded timeout, keeps only granted
fields, and returns :class:`Evidence` with provenance, masked for display. Every attempt,
allowed, denied or failed, writes exactly one AccessLog row.

Hot path (allowed call): one query for the consumer's grants on the item (joined with the item,
by the ``exchange_grant_lookup`` index), one INSERT into the log. Field metadata is cached in
process per (item id, revision) read from that same row, the rate-limit counter lives in the
cache, and chaining the log happens later (``services.access_log_seal``).
"""

from __future__ import annotations

import datetime
import logging
import re
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from onevisit.accounts.models import Department, User
from onevisit.core import sql
from onevisit.core.errors import DomainError, ValidationFailed
from onevisit.core.identifiers import normalize_resident_id, normalize_uscc
from onevisit.exchange import caching, errors, log_writer, permissions
from onevisit.exchange.hashing import canonical_json, response_id_for, sha256_hex
from onevisit.exchange.masking import mask_value
from onevisit.exchange.models import (
    AccessGrant,
    AccessOutcome,
    DataField,
    DataItem,
    GrantStatus,
    SharingClass,
)
from onevisit.exchange.providers import get_provider
from onevisit.exchange.ratelimit import rate_limit_hit
from onevisit.registries.contract import (
    ProviderError,
    ProviderTimeout,
    ProviderUnavailable,
    Query,
    SubjectType,
)

logger = logging.getLogger("onevisit.exchange.gateway")

DEFAULT_PROVIDER_TIMEOUT = 3.0
MAX_TEXT = 64  # purpose, reference


@dataclass(frozen=True)
class EvidenceRecord:
    record_id: str
    source: str
    version: int
    updated_at: datetime.datetime
    data: Mapping[str, Any]  # unmasked: for the consuming process only
    display: Mapping[str, Any]  # masked by field sensitivity: for screens


@dataclass(frozen=True)
class Evidence:
    """What a registry said about a subject, with provenance, bound to the request it answers."""

    response_id: str  # HMAC(request_hash, content_hash)
    request_hash: str
    content_hash: str  # sha256 over the canonical JSON of the records
    access_log_id: int
    item: str
    subject: str
    fields: tuple[str, ...]
    consumer: str
    purpose: str
    reference: str
    source: str
    requested_at: datetime.datetime
    retrieved_at: datetime.datetime
    records: tuple[EvidenceRecord, ...]


@dataclass(frozen=True)
class _FieldMeta:
    name: str
    type: str
    sensitivity: str
    sharing_class: str  # effective: the item's or the field's, whichever is stricter


# item id -> (revision, {field name: meta}); see the module docstring.
_field_cache: dict[int, tuple[int, dict[str, _FieldMeta]]] = {}
_field_cache_lock = threading.Lock()


def _item_fields(item: DataItem) -> dict[str, _FieldMeta]:
    cached = _field_cache.get(item.pk)
    if cached is not None and cached[0] == item.revision:
        return cached[1]
    metas = {
        f.name: _FieldMeta(f.name, f.type, f.sensitivity, f.effective_sharing_class(item))
        for f in DataField.objects.filter(item_id=item.pk)
    }
    with _field_cache_lock:
        _field_cache[item.pk] = (item.revision, metas)
    return metas


def _normalise_subject(subject: str, subject_type: str) -> str:
    if subject_type == SubjectType.ENTERPRISE:
        return normalize_uscc(subject, field="subject")
    return normalize_resident_id(subject, field="subject")


_CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")


def _loggable(text: str | None, length: int) -> str:
    """What the log row keeps of a caller's text: control characters (a NUL byte cannot be
    stored, and would fail the batch of rows written with it) become U+FFFD."""
    text = (text or "")[:length]
    return text if text.isprintable() else _CONTROL_CHARACTERS.sub("\ufffd", text)


def _required_text(name: str, value: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationFailed.for_field(name, _("必填"))
    if len(value) > MAX_TEXT:
        raise ValidationFailed.for_field(name, _("最长 %(n)s 个字符") % {"n": MAX_TEXT})
    if _CONTROL_CHARACTERS.search(value):
        raise ValidationFailed.for_field(name, _("不能包含控制字符"))
    return value


class _Attempt:
    """What the log row of this attempt will say; filled in as the checks go."""

    def __init__(self, *, consumer: Department, acting_user: User, purpose: str, subject: str, item: str,
                 fields: list[str] | None, reference: str) -> None:
        self.started = time.perf_counter()
        self.requested_at = timezone.now()
        self.consumer = consumer
        self.acting_user = acting_user
        self.purpose = _loggable(purpose, MAX_TEXT)
        self.subject = _loggable(subject, 32)
        self.item = _loggable(item, 64)
        self.fields: list[str] = sorted({_loggable(f, 64) for f in fields}) if fields else []
        self.reference = _loggable(reference, MAX_TEXT)
        self.grant_id: int | None = None

    def request_hash(self) -> str:
        return sha256_hex(canonical_json({
            "consumer": self.consumer.code, "purpose": self.purpose, "subject": self.subject, "item": self.item,
            "fields": self.fields, "reference": self.reference, "acting_user": self.acting_user.pk,
            "requested_at": self.requested_at,
        }))

    def log(self, *, outcome: str, error_code: str = "", record_count: int = 0, request_hash: str | None = None,
            content_hash: str = "", response_id: str = "") -> int:
        """Write (and, outside a transaction, commit) this attempt's AccessLog row; its id."""
        latency_ms = int((time.perf_counter() - self.started) * 1000)
        return log_writer.access_log_write({
            "created_at": self.requested_at, "consumer_id": self.consumer.pk, "acting_user_id": self.acting_user.pk,
            "subject": self.subject, "item": self.item, "fields": self.fields, "purpose": self.purpose,
            "reference": self.reference, "outcome": outcome, "error_code": error_code[:48], "latency_ms": latency_ms,
            "record_count": record_count, "grant_id": self.grant_id,
            "request_hash": request_hash or self.request_hash(), "content_hash": content_hash,
            "response_id": response_id,
        })


_DECIDED = (GrantStatus.GRANTED, GrantStatus.EXPIRED, GrantStatus.REVOKED)


def _decided_grants(*, consumer_id: int, item_code: str) -> list[AccessGrant]:
    """The consumer's decided grants on the item, each with its item; cached per process for a
    few seconds (``caching.grants``: how revocations reach every process)."""
    return caching.grants.get((consumer_id, item_code),
                              lambda: _load_decided_grants(consumer_id=consumer_id, item_code=item_code))


def _load_decided_grants(*, consumer_id: int, item_code: str) -> list[AccessGrant]:
    # One query by the ``exchange_grant_lookup`` index.
    rows = sql.fetch(
        f"SELECT {sql.columns(AccessGrant, 'g')}, {sql.columns(DataItem, 'i')} "
        f"FROM {sql.table(AccessGrant)} g JOIN {sql.table(DataItem)} i ON i.id = g.item_id "
        "WHERE g.consumer_id = %s AND i.code = %s AND g.status IN (%s, %s, %s) ORDER BY g.id",
        [consumer_id, item_code, *_DECIDED],
    )
    grants = []
    for row in rows:
        grant = sql.instance(AccessGrant, row)
        AccessGrant.item.field.set_cached_value(grant, sql.instance(DataItem, row, sql.width(AccessGrant)))
        grants.append(grant)
    return grants


def gateway_fetch(
    *, consumer: Department, purpose: str, subject: str, acting_user: User, reference: str, item: str,
    fields: list[str] | None = None,
) -> Evidence:
    """Fetch ``fields`` (None: every field the grant allows) of ``item`` about ``subject`` for
    ``consumer``'s ``purpose``, on behalf of ``acting_user``, for application or case ``reference``.

    Guarantees: exactly one AccessLog row for this attempt (allowed / denied / failed, with the
    error code and latency); only granted fields leave; every record the provider returned or an
    error, never part of an answer.

    Raises ValidationFailed (a missing purpose or reference, a subject malformed for the item's
    subject type, unknown fields), UnknownDataItem (404), RateLimited (429), an AccessDenied
    subclass (403: grant_missing, item_not_shared, purpose_mismatch, fields_not_granted,
    grant_expired, grant_revoked, actor_not_allowed), ProviderFailed subclasses (502/503/504 with
    the provider's code: provider_unavailable, provider_timeout, provider_rejected ...).
    """
    attempt = _Attempt(consumer=consumer, acting_user=acting_user, purpose=purpose, subject=subject, item=item,
                       fields=fields, reference=reference)
    try:
        evidence = _fetch(attempt, purpose=purpose, subject=subject, reference=reference, fields=fields)
    except errors.ProviderFailed as exc:
        attempt.log(outcome=AccessOutcome.FAILED, error_code=exc.code)
        raise
    except DomainError as exc:
        attempt.log(outcome=AccessOutcome.DENIED, error_code=exc.code)
        raise
    return evidence


def _fetch(attempt: _Attempt, *, purpose: str, subject: str, reference: str, fields: list[str] | None) -> Evidence:
    attempt.purpose = _required_text("purpose", purpose)
    attempt.reference = _required_text("reference", reference)
    rate_limit_hit(consumer_id=attempt.consumer.pk)

    grants = _decided_grants(consumer_id=attempt.consumer.pk, item_code=attempt.item)
    item = grants[0].item if grants else DataItem.objects.filter(code=attempt.item).first()
    if item is None:
        raise errors.UnknownDataItem(details={"item": attempt.item})
    attempt.subject = _normalise_subject(subject, item.subject_type)
    permissions.check_gateway_fetch(acting_user=attempt.acting_user, consumer=attempt.consumer,
                                    subject=attempt.subject, subject_type=item.subject_type)
    if item.sharing_class == SharingClass.NOT_SHARED or not item.is_active:
        raise errors.ItemNotShared(details={"item": item.code})
    if not grants:
        raise errors.GrantMissing(details={"item": item.code})

    for_purpose = [g for g in grants if g.purpose == attempt.purpose]
    if not for_purpose:
        raise errors.PurposeMismatch(details={"item": item.code, "purpose": attempt.purpose})
    now = attempt.requested_at
    live = [g for g in for_purpose if g.is_live(now)]
    if not live:
        if all(g.status == GrantStatus.REVOKED for g in for_purpose):
            attempt.grant_id = for_purpose[0].pk
            raise errors.GrantRevoked(details={"item": item.code, "purpose": attempt.purpose})
        attempt.grant_id = for_purpose[0].pk
        raise errors.GrantExpired(details={"item": item.code, "purpose": attempt.purpose})

    metas = _item_fields(item)
    granted: set[str] = set().union(*(g.fields for g in live))
    if fields is not None:
        wanted = sorted(set(fields))
        unknown = [n for n in wanted if n not in metas]
        if unknown or not wanted:
            raise ValidationFailed.for_field("fields", _("数据项没有这些字段：%s") % ", ".join(unknown)
                                             if unknown else _("请至少选择一个字段"))
    else:
        wanted = sorted(n for n in granted if n in metas)
    attempt.fields = wanted
    not_shared = [n for n in wanted if metas[n].sharing_class == SharingClass.NOT_SHARED]
    if not_shared:
        raise errors.ItemNotShared(_("以下字段不予共享：%s") % ", ".join(not_shared), details={"fields": not_shared})
    beyond = [n for n in wanted if n not in granted]
    if beyond or not wanted:
        raise errors.FieldsNotGranted(details={"fields": beyond})
    # The grant that covers most of the request is the one the log names.
    attempt.grant_id = max(live, key=lambda g: (len(set(wanted) & set(g.fields)), g.pk)).pk

    result = _call_provider(item=item, subject=attempt.subject, fields=tuple(wanted))
    records = []
    for record in result.records:
        if record.item != item.code or record.subject != attempt.subject:
            # A registry answering about someone else is a broken registry, not evidence.
            raise errors.ProviderFailed(details={"provider": item.registry, "reason": "record_mismatch"})
        data = {n: record.data.get(n) for n in wanted}
        display = {n: mask_value(name=n, type=metas[n].type, sensitivity=metas[n].sensitivity, value=data[n])
                   for n in wanted}
        records.append(EvidenceRecord(record_id=str(record.record_id), source=record.source,
                                      version=int(record.version), updated_at=record.updated_at,
                                      data=data, display=display))
    content_hash = sha256_hex(canonical_json([
        {"item": item.code, "subject": attempt.subject, "record_id": r.record_id, "source": r.source,
         "version": r.version, "updated_at": r.updated_at, "data": r.data}
        for r in records
    ]))
    request_hash = attempt.request_hash()
    response_id = response_id_for(request_hash=request_hash, content_hash=content_hash)
    log_id = attempt.log(outcome=AccessOutcome.ALLOWED, record_count=len(records), request_hash=request_hash,
                      content_hash=content_hash, response_id=response_id)
    return Evidence(
        response_id=response_id, request_hash=request_hash, content_hash=content_hash, access_log_id=log_id,
        item=item.code, subject=attempt.subject, fields=tuple(wanted), consumer=attempt.consumer.code,
        purpose=attempt.purpose, reference=attempt.reference, source=item.registry,
        requested_at=attempt.requested_at, retrieved_at=result.retrieved_at, records=tuple(records),
    )


def _call_provider(*, item: DataItem, subject: str, fields: tuple[str, ...]):
    timeout = float(getattr(settings, "ONEVISIT_EXCHANGE_PROVIDER_TIMEOUT", DEFAULT_PROVIDER_TIMEOUT))
    try:
        return get_provider(item.registry).query(Query(item=item.code, subject=subject, fields=fields),
                                                 timeout=timeout)
    except ProviderUnavailable as exc:
        logger.warning("provider %s unavailable: %s", item.registry, exc)
        raise errors.ProviderUnavailableError(details={"provider": item.registry}) from exc
    except ProviderTimeout as exc:
        raise errors.ProviderTimeoutError(details={"provider": item.registry, "timeout": timeout}) from exc
    except ProviderError as exc:
        logger.warning("provider %s failed: %s: %s", item.registry, exc.code, exc)
        raise errors.ProviderFailed(code=exc.code, details={"provider": item.registry}) from exc
    except Exception as exc:  # a provider bug must not become a 500 or an unlogged attempt
        logger.exception("provider %s raised", item.registry)
        raise errors.ProviderFailed(details={"provider": item.registry, "reason": type(exc).__name__}) from exc

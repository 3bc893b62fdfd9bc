"""Writes of the public data platform: catalogue sync, grants, and sealing the access log.

Every service takes keyword arguments, runs in one transaction, checks permissions first
(``permissions``) and raises typed errors only (``core.errors`` / ``exchange.errors``).
"""

from __future__ import annotations

import datetime
import logging
import re
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from onevisit.accounts.models import Department, User
from onevisit.core.errors import Conflict, NotFound, ValidationFailed
from onevisit.exchange import permissions
from onevisit.exchange.catalogue import REGISTRY_SECTORS, catalogue_terms, owner_department_code
from onevisit.exchange.errors import UnknownDataItem
from onevisit.exchange.hashing import GENESIS_HASH, log_row_hash
from onevisit.exchange.models import (
    AccessGrant,
    AccessLog,
    DataField,
    DataItem,
    GrantStatus,
    PurposeKind,
    SharingClass,
)
from onevisit.exchange.providers import all_providers
from onevisit.registries.contract import ItemSpec, ProviderError

logger = logging.getLogger("onevisit.exchange")

DEFAULT_GRANT_DAYS = 365
PURPOSE_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$")
SEAL_BATCH = 2000
# Any constant: the one PostgreSQL advisory lock that makes the sealer single.
SEAL_LOCK_KEY = 0x0E1C_0A11


# --- catalogue -------------------------------------------------------------------------------


@dataclass
class CatalogueSyncReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    deactivated: list[str] = field(default_factory=list)
    failed_providers: dict[str, str] = field(default_factory=dict)
    version: str = ""


def _item_values(spec: ItemSpec, *, registry: str, owner: Department, terms: dict[str, Any]) -> dict[str, Any]:
    item_terms = terms.get("items", {}).get(spec.code, {})
    defaults = terms.get("defaults", {})
    return {
        "registry": registry,
        "name": spec.name,
        "name_en": spec.name_en,
        "owner_department_id": owner.pk,
        "subject_type": str(spec.subject_type),
        "sharing_class": SharingClass(item_terms.get("sharing_class", defaults.get("sharing_class", SharingClass.CONDITIONAL))),
        "update_frequency": spec.update_frequency,
        "legal_basis": item_terms.get("legal_basis", defaults.get("legal_basis", "")),
        "catalogue_version": str(terms.get("version", "")),
        "is_active": True,
    }


def _field_values(spec: ItemSpec, terms: dict[str, Any]) -> dict[str, dict[str, Any]]:
    overrides = terms.get("items", {}).get(spec.code, {}).get("fields", {})
    return {
        f.name: {
            "label": f.label, "label_en": f.label_en, "type": str(f.type), "sensitivity": str(f.sensitivity),
            "sharing_class": overrides.get(f.name, {}).get("sharing_class", ""), "position": position,
        }
        for position, f in enumerate(spec.fields)
    }


@transaction.atomic
def catalogue_sync_from_providers(*, terms: dict[str, Any] | None = None) -> CatalogueSyncReport:
    """Make the catalogue match what the providers publish, on the terms of ``catalogue.json``.

    Guarantees: one DataItem per published item, fields as the provider specifies them
    (type, sensitivity, order), sharing class and legal basis from the terms (defaults for an
    item the terms do not name); an item no provider publishes any more is deactivated, never
    deleted (grants and log rows refer to it). A changed item gets a new ``revision``.
    A provider that cannot list its items is reported in ``failed_providers`` and its items are
    left as they were. Raises NotFound if an owner department is missing (seed accounts first).
    """
    terms = catalogue_terms() if terms is None else terms
    report = CatalogueSyncReport(version=str(terms.get("version", "")))
    existing = {item.code: item for item in DataItem.objects.prefetch_related("fields")}
    seen: set[str] = set()
    skipped_registries: set[str] = set()
    for provider in all_providers():
        registry = provider.code
        if registry not in REGISTRY_SECTORS:
            logger.warning("provider %s has no owner sector; its items are not catalogued", registry)
            continue
        try:
            specs = provider.items()
        except ProviderError as exc:
            report.failed_providers[registry] = exc.code
            skipped_registries.add(registry)
            continue
        owner_code = owner_department_code(registry)
        owner = Department.objects.filter(code=owner_code).first()
        if owner is None:
            raise NotFound(_("数源部门 %(code)s 不存在，请先初始化部门。") % {"code": owner_code},
                           details={"department": owner_code})
        for spec in specs:
            seen.add(spec.code)
            _sync_item(spec, registry=registry, owner=owner, terms=terms, existing=existing.get(spec.code),
                       report=report)
    for code, item in existing.items():
        if code not in seen and item.is_active and item.registry not in skipped_registries:
            item.is_active = False
            item.revision += 1
            item.save(update_fields=["is_active", "revision"])
            report.deactivated.append(code)
    return report


def _sync_item(spec: ItemSpec, *, registry: str, owner: Department, terms: dict[str, Any],
               existing: DataItem | None, report: CatalogueSyncReport) -> None:
    values = _item_values(spec, registry=registry, owner=owner, terms=terms)
    wanted_fields = _field_values(spec, terms)
    now = timezone.now()
    if existing is None:
        item = DataItem.objects.create(code=spec.code, synced_at=now, **values)
        DataField.objects.bulk_create([DataField(item=item, name=name, **v) for name, v in wanted_fields.items()])
        report.created.append(spec.code)
        return
    item_changed = any(getattr(existing, key) != value for key, value in values.items())
    current_fields = {f.name: f for f in existing.fields.all()}
    fields_changed = set(current_fields) != set(wanted_fields) or any(
        getattr(current_fields[name], key) != value
        for name, v in wanted_fields.items() for key, value in v.items()
    )
    existing.synced_at = now
    if not (item_changed or fields_changed):
        existing.save(update_fields=["synced_at"])
        report.unchanged.append(spec.code)
        return
    for key, value in values.items():
        setattr(existing, key, value)
    existing.revision += 1
    existing.save()
    if fields_changed:
        # Removed fields go; grants keep their field names and simply stop matching them.
        DataField.objects.filter(item=existing).exclude(name__in=wanted_fields).delete()
        for name, v in wanted_fields.items():
            DataField.objects.update_or_create(item=existing, name=name, defaults=v)
    report.updated.append(spec.code)


# --- grants ----------------------------------------------------------------------------------


def _validate_purpose(purpose: str) -> str:
    purpose = (purpose or "").strip()
    if not PURPOSE_PATTERN.match(purpose):
        raise ValidationFailed.for_field("purpose", _("用途应为事项编码或用途代码（字母、数字、.-_:，最长64位）"))
    return purpose


def _grant_validity(*, now: datetime.datetime, expires_at: datetime.datetime | None) -> datetime.datetime:
    if expires_at is None:
        days = getattr(settings, "ONEVISIT_EXCHANGE_GRANT_DAYS", DEFAULT_GRANT_DAYS)
        return now + datetime.timedelta(days=days)
    if expires_at <= now:
        raise ValidationFailed.for_field("expires_at", _("到期时间应晚于当前时间"))
    return expires_at


@transaction.atomic
def grant_request(
    *, consumer: Department, item_code: str, fields: list[str] | None, purpose: str, legal_basis: str,
    requested_by: User, purpose_kind: str = PurposeKind.MATTER, purpose_label: str = "",
    expires_at: datetime.datetime | None = None,
) -> AccessGrant:
    """A consumer department asks to read ``fields`` (None: every shareable field) of an item
    for ``purpose`` on ``legal_basis``.

    Guarantees: the request is recorded whatever the outcome. Unconditional fields are granted
    at once (valid from now until ``expires_at`` or the default validity); anything conditional
    waits (``requested``) for the owner's data officer; a not-shared item or field is refused
    at once with the reason. Raises PermissionDenied (see ``permissions.check_grant_request``),
    UnknownDataItem, ValidationFailed (purpose, fields, legal basis), Conflict (the same request
    is already waiting).
    """
    permissions.check_grant_request(user=requested_by, consumer=consumer)
    item = DataItem.objects.filter(code=item_code, is_active=True).first()
    if item is None:
        raise UnknownDataItem(details={"item": item_code})
    purpose = _validate_purpose(purpose)
    if purpose_kind not in PurposeKind.values:
        raise ValidationFailed.for_field("purpose_kind", _("用途类型无效"))
    legal_basis = (legal_basis or "").strip()
    if not legal_basis:
        raise ValidationFailed.for_field("legal_basis", _("请填写申请依据（法律法规或事项设定依据）"))
    item_fields = {f.name: f for f in item.fields.all()}
    if fields is None:
        wanted = sorted(n for n, f in item_fields.items() if f.effective_sharing_class(item) != SharingClass.NOT_SHARED)
    else:
        wanted = sorted(set(fields))
        unknown = [n for n in wanted if n not in item_fields]
        if unknown or not wanted:
            raise ValidationFailed.for_field(
                "fields", _("数据项没有这些字段：%s") % ", ".join(unknown) if unknown else _("请至少选择一个字段")
            )
    if AccessGrant.objects.filter(consumer=consumer, item=item, purpose=purpose, status=GrantStatus.REQUESTED).exists():
        raise Conflict(_("相同用途的授权申请正在审核中。"), details={"item": item.code, "purpose": purpose})

    now = timezone.now()
    grant = AccessGrant(
        consumer=consumer, item=item, fields=wanted, purpose_kind=purpose_kind, purpose=purpose,
        purpose_label=purpose_label.strip()[:200], legal_basis=legal_basis, requested_by=requested_by,
        requested_at=now,
    )
    sharing = SharingClass.most_restrictive(
        item.sharing_class, *(item_fields[n].effective_sharing_class(item) for n in wanted)
    )
    if sharing == SharingClass.NOT_SHARED or not wanted:
        not_shared = [n for n in wanted if item_fields[n].effective_sharing_class(item) == SharingClass.NOT_SHARED]
        grant.status = GrantStatus.REFUSED
        grant.decided_at = now
        grant.decision_reason = (
            _("该数据项不予共享。") if item.sharing_class == SharingClass.NOT_SHARED or not wanted
            else _("以下字段不予共享：%s") % ", ".join(not_shared)
        )
    elif sharing == SharingClass.UNCONDITIONAL:
        grant.status = GrantStatus.GRANTED
        grant.decided_at = now
        grant.decision_reason = _("无条件共享，自动授权。")
        grant.valid_from = now
        grant.expires_at = _grant_validity(now=now, expires_at=expires_at)
    else:
        grant.status = GrantStatus.REQUESTED
        if expires_at is not None:
            grant.expires_at = _grant_validity(now=now, expires_at=expires_at)
    grant.save()
    return grant


def _locked_grant(grant_id: int) -> AccessGrant:
    grant = AccessGrant.objects.select_for_update().filter(pk=grant_id).first()
    if grant is None:
        raise NotFound(details={"grant": grant_id})
    return AccessGrant.objects.select_related("item", "consumer").get(pk=grant.pk)


@transaction.atomic
def grant_decide(
    *, grant_id: int, decided_by: User, approve: bool, reason: str = "",
    expires_at: datetime.datetime | None = None,
) -> AccessGrant:
    """The owner department's data officer approves or refuses a waiting request.

    Guarantees: an approved grant is valid from now until ``expires_at`` (or what was asked,
    or the default validity); a refusal keeps its reason. Raises NotFound, PermissionDenied
    (``permissions.check_grant_decide``), Conflict (not waiting any more), ValidationFailed
    (a refusal without a reason; approving an item that has become not shared).
    """
    grant = _locked_grant(grant_id)
    permissions.check_grant_decide(user=decided_by, grant=grant)
    if grant.status != GrantStatus.REQUESTED:
        raise Conflict(_("该授权申请已处理。"), details={"status": grant.status})
    reason = (reason or "").strip()
    now = timezone.now()
    if approve:
        fields = {f.name: f for f in grant.item.fields.all()}
        blocked = [n for n in grant.fields if n not in fields
                   or fields[n].effective_sharing_class(grant.item) == SharingClass.NOT_SHARED]
        if grant.item.sharing_class == SharingClass.NOT_SHARED or blocked:
            raise ValidationFailed.for_field("approve", _("该数据项或字段不予共享，不能批准。"))
        grant.status = GrantStatus.GRANTED
        grant.valid_from = now
        grant.expires_at = _grant_validity(now=now, expires_at=expires_at or grant.expires_at)
    else:
        if not reason:
            raise ValidationFailed.for_field("reason", _("拒绝时请说明理由"))
        grant.status = GrantStatus.REFUSED
    grant.decided_by = decided_by
    grant.decided_at = now
    grant.decision_reason = reason
    grant.save()
    return grant


@transaction.atomic
def grant_revoke(*, grant_id: int, revoked_by: User, reason: str) -> AccessGrant:
    """Withdraw a grant (owner) or give it up (consumer); a waiting request is withdrawn too.

    Guarantees: from the commit on, the gateway refuses calls under this grant
    (``grant_revoked``). Raises NotFound, PermissionDenied (``permissions.check_grant_revoke``),
    Conflict (already refused, revoked or expired), ValidationFailed (no reason).
    """
    grant = _locked_grant(grant_id)
    permissions.check_grant_revoke(user=revoked_by, grant=grant)
    if grant.status not in (GrantStatus.GRANTED, GrantStatus.REQUESTED):
        raise Conflict(_("该授权已失效，无需撤销。"), details={"status": grant.status})
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed.for_field("reason", _("请说明撤销理由"))
    grant.status = GrantStatus.REVOKED
    grant.revoked_by = revoked_by
    grant.revoked_at = timezone.now()
    grant.revoke_reason = reason
    grant.save()
    return grant


def grants_expire(*, now: datetime.datetime | None = None) -> int:
    """Mark granted grants past their expiry as ``expired``; return how many. The gateway does
    not depend on this (it checks ``expires_at`` itself); lists and the workbench do."""
    now = now or timezone.now()
    return AccessGrant.objects.filter(status=GrantStatus.GRANTED, expires_at__lte=now).update(status=GrantStatus.EXPIRED)


# --- access log ------------------------------------------------------------------------------


def access_log_seal(*, batch_size: int = SEAL_BATCH, max_batches: int | None = None) -> int:
    """Chain every committed, unsealed access-log row; return how many were sealed.

    Guarantees: rows are sealed in id order, each gets the next ``chain_seq``, the hash of the
    row before it in the chain as ``prev_hash``, and ``row_hash = sha256(prev_hash + "\\n" +
    canonical row)``. One sealer at a time (PostgreSQL: a transaction-level advisory lock; SQLite:
    the IMMEDIATE write transaction), and the unique ``chain_seq`` / ``prev_hash`` constraints
    make a fork impossible even if that were bypassed. A row committed late with a lower id is
    sealed in a later batch: the chain is linear in ``chain_seq``, which is id order per batch.
    Gateway requests never wait for this.
    """
    sealed = 0
    batches = 0
    while max_batches is None or batches < max_batches:
        count = _seal_batch(batch_size)
        sealed += count
        batches += 1
        if count < batch_size:
            break
    return sealed


def _row_values(row: AccessLog) -> dict[str, Any]:
    return {
        "id": row.id, "created_at": row.created_at, "consumer_id": row.consumer_id,
        "acting_user_id": row.acting_user_id, "subject": row.subject, "item": row.item, "fields": row.fields,
        "purpose": row.purpose, "reference": row.reference, "outcome": row.outcome, "error_code": row.error_code,
        "latency_ms": row.latency_ms, "record_count": row.record_count, "grant_id": row.grant_id,
        "request_hash": row.request_hash, "content_hash": row.content_hash, "response_id": row.response_id,
        "chain_seq": row.chain_seq,
    }


@transaction.atomic
def _seal_batch(batch_size: int) -> int:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [SEAL_LOCK_KEY])
    head = (AccessLog.objects.filter(chain_seq__isnull=False).order_by("-chain_seq")
            .values_list("chain_seq", "row_hash").first())
    seq: int = (head[0] or 0) if head else 0
    prev_hash: str = (head[1] or "") if head else GENESIS_HASH
    rows = list(AccessLog.objects.filter(chain_seq__isnull=True).order_by("id")[:batch_size])
    for row in rows:
        seq += 1
        row_hash = log_row_hash(prev_hash=prev_hash, row=_row_values(row) | {"chain_seq": seq})
        row.chain_seq, row.prev_hash, row.row_hash = seq, prev_hash, row_hash
        prev_hash = row_hash
    if rows:
        AccessLog.objects.bulk_update(rows, ["chain_seq", "prev_hash", "row_hash"], batch_size=500)
    return len(rows)

"""Reads of the public data platform: the catalogue, grants, and the access log's chain."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet

from onevisit.accounts.models import Department
from onevisit.exchange.errors import UnknownDataItem
from onevisit.exchange.hashing import GENESIS_HASH, log_row_hash
from onevisit.exchange.models import AccessGrant, AccessLog, DataField, DataItem

VERIFY_CHUNK = 5000


def catalogue_items_list(
    *, sector: str | None = None, sharing_class: str | None = None, registry: str | None = None,
    include_inactive: bool = False,
) -> QuerySet[DataItem]:
    qs = DataItem.objects.select_related("owner_department").prefetch_related(
        Prefetch("fields", queryset=DataField.objects.order_by("position"))
    )
    if not include_inactive:
        qs = qs.filter(is_active=True)
    if sector:
        qs = qs.filter(owner_department__sector=sector)
    if sharing_class:
        qs = qs.filter(sharing_class=sharing_class)
    if registry:
        qs = qs.filter(registry=registry)
    return qs.order_by("code")


def catalogue_item_get(*, code: str) -> DataItem:
    """The item with its owner and fields; UnknownDataItem if the catalogue has no such item."""
    item = catalogue_items_list(include_inactive=True).filter(code=code).first()
    if item is None:
        raise UnknownDataItem(details={"item": code})
    return item


def field_labels(*, items: list[str], english: bool = False) -> dict[str, dict[str, str]]:
    """item code -> {field name: label}, in each item's field order, for showing evidence."""
    labels: dict[str, dict[str, str]] = {}
    rows = DataField.objects.filter(item__code__in=items).order_by("item__code", "position", "id")
    for code, name, label, label_en in rows.values_list("item__code", "name", "label", "label_en"):
        labels.setdefault(code, {})[name] = (label_en or label) if english else label
    return labels


def grants_list(*, department: Department, role: str = "consumer", status: str | None = None) -> QuerySet[AccessGrant]:
    """Grants where ``department`` is the consumer (``role="consumer"``) or owns the item
    (``role="owner"``: what its data officer decides), newest first."""
    qs = AccessGrant.objects.select_related("consumer", "item", "item__owner_department")
    qs = qs.filter(item__owner_department=department) if role == "owner" else qs.filter(consumer=department)
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-requested_at", "-id")


def grant_get(*, grant_id: int) -> AccessGrant | None:
    return AccessGrant.objects.select_related("consumer", "item", "item__owner_department").filter(pk=grant_id).first()


def access_log_for_subject(*, subject: str) -> QuerySet[AccessLog]:
    """Who read this person's or enterprise's data, when and why (newest first)."""
    return AccessLog.objects.filter(subject=subject).select_related("consumer").order_by("-created_at", "-id")


def access_log_for_consumer(*, department: Department) -> QuerySet[AccessLog]:
    return AccessLog.objects.filter(consumer=department).order_by("-id")


# --- chain verification ------------------------------------------------------------------------


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    checked: int
    unsealed: int
    broken_row_id: int | None = None
    reason: str = ""  # content_mismatch / prev_hash_mismatch / gap


def _sealed_rows(chunk: int) -> Iterator[dict]:
    columns = ("id", "created_at", "consumer_id", "acting_user_id", "subject", "item", "fields", "purpose",
               "reference", "outcome", "error_code", "latency_ms", "record_count", "grant_id", "request_hash",
               "content_hash", "response_id", "chain_seq", "prev_hash", "row_hash")
    last = 0
    while True:
        rows = list(AccessLog.objects.filter(chain_seq__gt=last).order_by("chain_seq").values(*columns)[:chunk])
        if not rows:
            return
        yield from rows
        last = rows[-1]["chain_seq"]


def access_log_verify(*, chunk: int = VERIFY_CHUNK) -> ChainReport:
    """Recompute the whole chain in ``chain_seq`` order, streaming in chunks.

    The first row that fails is reported: ``gap`` (its position does not follow the one before:
    a row was deleted or its position edited), ``prev_hash_mismatch`` (it does not point at the
    row before), ``content_mismatch`` (its columns or its own hash were edited).
    """
    expected_seq = 1
    prev_hash = GENESIS_HASH
    checked = 0
    for row in _sealed_rows(chunk):
        if row["chain_seq"] != expected_seq:
            return _broken(row, "gap", checked)
        if row["prev_hash"] != prev_hash:
            return _broken(row, "prev_hash_mismatch", checked)
        if log_row_hash(prev_hash=prev_hash, row=row) != row["row_hash"]:
            return _broken(row, "content_mismatch", checked)
        prev_hash = row["row_hash"]
        expected_seq += 1
        checked += 1
    # A row whose chain columns were cleared drops out of the walk above; anything unsealed
    # and older than the last sealed row is reported by the command as a warning, not a break.
    unsealed = AccessLog.objects.filter(Q(chain_seq__isnull=True) | Q(row_hash__isnull=True)).count()
    return ChainReport(ok=True, checked=checked, unsealed=unsealed)


def _broken(row: dict, reason: str, checked: int) -> ChainReport:
    unsealed = AccessLog.objects.filter(chain_seq__isnull=True).count()
    return ChainReport(ok=False, checked=checked, unsealed=unsealed, broken_row_id=row["id"], reason=reason)

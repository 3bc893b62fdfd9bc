"""Corrections of registry records (数据纠错): the row changes in place and its version goes up."""

from django.db import transaction
from django.utils import timezone

from onevisit.registries.base import RegistryRecord


def record_correct(record: RegistryRecord, **changes: object) -> RegistryRecord:
    """Apply ``changes`` to one registry row, increment its version and stamp ``updated_at``.

    Guarantees the new version is exactly one more than the stored one, even when two
    corrections race (the row is locked for the update). Raises ``FieldDoesNotExist`` for a field
    the record does not have.
    """
    model = type(record)
    alias = record._state.db or "default"
    for name in changes:
        model._meta.get_field(name)  # FieldDoesNotExist for a misspelt field
    with transaction.atomic(using=alias):
        current = model._default_manager.using(alias).select_for_update().get(pk=record.pk)
        for name, value in changes.items():
            setattr(current, name, value)
        current.version += 1
        current.updated_at = timezone.now()
        current.save(using=alias)
    return current

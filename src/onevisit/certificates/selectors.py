"""Reads for published issuer metadata."""

from __future__ import annotations

from django.db.models import QuerySet

from onevisit.accounts.models import Department


def issuer_departments() -> QuerySet[Department]:
    """Departments that have at least one published (unretired) key."""
    return Department.objects.filter(issuer_keys__retired_at=None).distinct().order_by("code")

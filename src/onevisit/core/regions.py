"""GB/T 2260 division codes kept as versioned data (``data/divisions/*.json``)."""

import datetime
import json
from pathlib import Path

from django.db import transaction
from django.db.models import Q, QuerySet

from onevisit.core.models import Region

DIVISIONS_DIR = Path(__file__).parent / "data" / "divisions"


def _parse_date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


@transaction.atomic
def regions_load(*, path: Path | None = None) -> int:
    """Create or update every division in the dataset file; returns how many rows it holds.

    Idempotent: loading the same version twice changes nothing. Parents come before children in
    the file, so a single pass resolves them.
    """
    doc = json.loads((path or DIVISIONS_DIR / "zhejiang.json").read_text(encoding="utf-8"))
    by_code: dict[str, Region] = {}
    for item in doc["divisions"]:
        region, _created = Region.objects.update_or_create(
            code=item["code"],
            defaults={
                "name": item["name"],
                "name_en": item.get("name_en", ""),
                "level": item["level"],
                "parent": by_code.get(item["parent"]) if item.get("parent") else None,
                "valid_from": _parse_date(item.get("valid_from")),
                "valid_until": _parse_date(item.get("valid_until")),
                "dataset_version": doc["version"],
            },
        )
        by_code[region.code] = region
    return len(by_code)


def regions_in_force(*, on: datetime.date | None = None) -> QuerySet[Region]:
    """Divisions in force on ``on`` (today by default)."""
    day = on or datetime.date.today()
    return Region.objects.filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=day),
        Q(valid_until__isnull=True) | Q(valid_until__gt=day),
    )

"""The versioned catalogue terms (``data/catalogue.json``) and who owns which registry."""

import functools
import json
from pathlib import Path
from typing import Any

from onevisit.accounts.models import Sector

CATALOGUE_FILE = Path(__file__).resolve().parent / "data" / "catalogue.json"
OWNER_REGION = "330000"  # items are catalogued at province level (省级数源部门)

REGISTRY_SECTORS: dict[str, str] = {
    "population": Sector.PSB,
    "marriage": Sector.CA,
    "social_insurance": Sector.HRSS,
    "medical_insurance": Sector.MIB,
    "enterprise": Sector.AMR,
    "tax": Sector.TAX,
    "real_estate": Sector.NRB,
    "health": Sector.HC,
    "education": Sector.EDU,
    "housing_fund": Sector.HPF,
    "disability": Sector.DPF,
}


def owner_department_code(registry: str) -> str:
    """The province-level department owning a registry's items: ``330000-PSB`` for population."""
    return f"{OWNER_REGION}-{REGISTRY_SECTORS[registry]}"


@functools.cache
def catalogue_terms(path: Path = CATALOGUE_FILE) -> dict[str, Any]:
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)

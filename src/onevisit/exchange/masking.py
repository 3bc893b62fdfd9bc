"""Masking for display (脱敏展示): what a clerk's screen shows of sensitive personal data.

The consuming process gets the data unmasked; people see ``display``. Public and internal
fields are shown as they are; sensitive personal fields are masked by what they hold.
"""

from typing import Any

from onevisit.core.identifiers import mask_id_number
from onevisit.registries.contract import FieldType, Sensitivity

MASK = "*"


def mask_name(value: str) -> str:
    """王小明 → 王*明, 李华 → 李*, 欧阳娜娜 → 欧**娜."""
    if len(value) <= 1:
        return value
    if len(value) == 2:
        return value[0] + MASK
    return value[0] + MASK * (len(value) - 2) + value[-1]


def mask_address(value: str, keep: int = 6) -> str:
    """浙江省杭州市西湖区文三路90号 → 浙江省杭州市****: province and city stay readable."""
    if len(value) <= keep:
        return value[: max(1, len(value) // 2)] + MASK * 4
    return value[:keep] + MASK * 4


def mask_phone(value: str) -> str:
    if len(value) < 7:
        return MASK * len(value)
    return value[:3] + MASK * (len(value) - 7) + value[-4:]


def mask_generic(value: str) -> str:
    """Long identifiers keep their first and last character (J******1); short values, such as a
    status word, are hidden whole: "m*****d" would still say "married"."""
    if len(value) <= 8:
        return MASK * 3
    return value[0] + MASK * (len(value) - 2) + value[-1]


def _type_from_key(key: str, value: Any) -> str:
    """The type a nested value (a household member's fields) most likely has, from its key."""
    lowered = key.lower()
    if lowered.endswith("id_number") and isinstance(value, str) and len(value) == 18:
        return FieldType.ID_NUMBER
    if lowered.endswith(("_on", "_date", "_at")) or lowered == "birth_date":
        return FieldType.DATE
    return FieldType.STRING


def mask_value(*, name: str, type: str, sensitivity: str, value: Any) -> Any:
    if value is None or sensitivity != Sensitivity.SENSITIVE_PERSONAL:
        return value
    if isinstance(value, list):
        return [mask_value(name=name, type=FieldType.STRING, sensitivity=sensitivity, value=v) for v in value]
    if isinstance(value, dict):
        # A record inside a field (a household's members): mask each value by what its key says.
        return {
            key: mask_value(name=key, type=_type_from_key(key, inner), sensitivity=sensitivity, value=inner)
            for key, inner in value.items()
        }
    text = str(value)
    if type in (FieldType.ID_NUMBER,):
        return mask_id_number(text)
    if type in (FieldType.DATE, FieldType.DATETIME):
        return text[:4] + "-**-**"  # the year only
    if type in (FieldType.INTEGER, FieldType.DECIMAL, FieldType.BOOLEAN):
        return MASK * 3
    lowered = name.lower()
    if lowered.endswith("name") or lowered in {"spouse", "holder", "guardian"}:
        return mask_name(text)
    if "address" in lowered or "domicile" in lowered or lowered.endswith("_addr"):
        return mask_address(text)
    if "phone" in lowered or "mobile" in lowered:
        return mask_phone(text)
    return mask_generic(text)

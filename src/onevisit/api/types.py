"""Identifier types for API schemas. Using them anywhere gives a 422 naming the field."""

from typing import Annotated

from pydantic import AfterValidator, Field

from onevisit.core.errors import ValidationFailed
from onevisit.core.identifiers import normalize_resident_id, normalize_uscc


def _resident_id(value: str) -> str:
    try:
        return normalize_resident_id(value)
    except ValidationFailed as exc:
        raise ValueError(exc.details[0]["message"]) from None


def _uscc(value: str) -> str:
    try:
        return normalize_uscc(value)
    except ValidationFailed as exc:
        raise ValueError(exc.details[0]["message"]) from None


ResidentIdNumber = Annotated[
    str,
    Field(min_length=18, max_length=18, description="公民身份号码 (GB 11643), 18 characters; a lower-case x is accepted",
          examples=["11010519491231002X"]),
    AfterValidator(_resident_id),
]
Uscc = Annotated[
    str,
    Field(min_length=18, max_length=18, description="统一社会信用代码 (GB 32100), 18 characters",
          examples=["91350100M000100Y43"]),
    AfterValidator(_uscc),
]
DivisionCode = Annotated[str, Field(pattern=r"^[0-9]{6}$", description="GB/T 2260 division code", examples=["330106"])]

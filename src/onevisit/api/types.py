"""Types for API schemas. Using them anywhere gives a 422 naming the field."""

import datetime
import re
from typing import Annotated, Any

from django.utils.translation import gettext as _
from pydantic import AfterValidator, BaseModel, BeforeValidator, Field

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


# The length is documented but checked by our validator, not by pydantic, so that a short value
# gets the same translated message as a wrong check character instead of pydantic's English one.
ResidentIdNumber = Annotated[
    str,
    Field(description="公民身份号码 (GB 11643), 18 characters; a lower-case x is accepted",
          examples=["11010519491231002X"], json_schema_extra={"minLength": 18, "maxLength": 18}),
    AfterValidator(_resident_id),
]
Uscc = Annotated[
    str,
    Field(description="统一社会信用代码 (GB 32100), 18 characters",
          examples=["91350100M000100Y43"], json_schema_extra={"minLength": 18, "maxLength": 18}),
    AfterValidator(_uscc),
]
DivisionCode = Annotated[str, Field(pattern=r"^[0-9]{6}$", description="GB/T 2260 division code", examples=["330106"])]
# Department codes are ASCII identifiers ("330100-PSB"). Saying so keeps bytes PostgreSQL cannot
# store in a text value (NUL) out of the lookup: a 422, not a 500.
DepartmentCode = Annotated[
    str,
    Field(max_length=32, pattern=r"^[0-9A-Za-z][0-9A-Za-z._-]*$", description="部门编码", examples=["330100-PSB"]),
]


def _iso_date(value: Any) -> Any:
    # pydantic's lax mode would also take 0 or "0" (a Unix timestamp) for a date; the document
    # promises an ISO 8601 date, and that is all we take.
    if isinstance(value, datetime.date) or (isinstance(value, str) and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value)):
        return value
    raise ValueError(_("日期格式应为 YYYY-MM-DD"))


IsoDate = Annotated[datetime.date, BeforeValidator(_iso_date)]


class InputSchema(BaseModel):
    """A request body: a JSON object and nothing else.

    Not ninja's Schema: that one reads attributes from any object (right for responses built from
    models), so a list, a number or null would pass as a body with every field at its default.
    """

"""Request and response shapes of the cases API."""

from __future__ import annotations

import datetime
from typing import Annotated, Any, Literal

from ninja import Field, Schema

from onevisit.api.types import InputSchema
from onevisit.cases.models import CaseStatus, Delivery

CaseReference = Annotated[str, Field(max_length=32, pattern=r"^APP-\d{8}-[0-9A-Z]{6}-\d{2}$",
                                     examples=["APP-20261122-7KQ2M9-01"])]
# Free text reaches PostgreSQL, which cannot store NUL: such input is a 422, not a 500.
Text = Annotated[str, Field(max_length=2000, pattern=r"^[^\x00]*$")]
ShortText = Annotated[str, Field(max_length=64, pattern=r"^[^\x00-\x1f]*$")]
Version = Annotated[int, Field(ge=1, le=2**31 - 1, description="the case version you saw (optimistic lock)")]
Queue = Literal["todo", "mine", "unclaimed", "paused", "waiting", "done", "all"]
Cursor = Annotated[str, Field(max_length=200, pattern=r"^[A-Za-z0-9_-]*$", description="next_cursor of the previous page")]
Limit = Annotated[int, Field(ge=1, le=100, description="cases per page")]
Decision = Literal["approved", "rejected"]


class CaseRowOut(Schema):
    reference: str
    matter_code: str = Field(..., alias="matter__code")
    matter_name: str = Field(..., alias="matter__name")
    applicant_name: str
    channel: str
    status: CaseStatus
    status_label: str
    task: str
    task_name: str
    assignee: str | None = Field(None, alias="assignee__full_name")
    immediate: bool
    committed_due: datetime.date | None
    statutory_due: datetime.date | None
    opened_at: datetime.datetime
    decided_at: datetime.datetime | None
    warning: str
    warning_label: str
    days_left: int | None
    version: int


class CasePageOut(Schema):
    items: list[CaseRowOut]
    next_cursor: str | None = Field(None, description="pass as cursor for the next page; null on the last page")


class EventOut(Schema):
    seq: int
    action: str
    action_label: str
    at: datetime.datetime
    actor: str
    department: str | None
    task: str
    status_after: str
    reason: str
    data: dict[str, Any]


class SupplementOut(Schema):
    case_reference: str
    matter_name: str
    items: list[dict[str, str]]
    note: str
    requested_at: datetime.datetime


class CaseDetailOut(CaseRowOut):
    application: str
    department: str
    depends_on: list[str]
    committed_days: int | None
    statutory_days: int | None
    paused_since: datetime.date | None
    paused_workdays: int
    extended_workdays: int
    accepted_at: datetime.datetime | None
    decision: str
    decision_reason: str
    delivery: str
    timeline: list[EventOut]
    open_supplement: SupplementOut | None


class VersionIn(InputSchema):
    version: Version


class AcceptIn(VersionIn):
    decision: Decision | None = Field(None, description="required for an immediate matter (即办件), decided at acceptance")
    reason: Text = ""
    delivery: Delivery | Literal[""] = ""


class ReasonIn(VersionIn):
    reason: Text


class OptionalReasonIn(VersionIn):
    reason: Text = ""


class CompleteTaskIn(VersionIn):
    task: Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z_][A-Za-z0-9_.-]*$")]
    opinion: Text = ""


class DecideIn(VersionIn):
    decision: Decision
    reason: Text = ""
    delivery: Delivery | Literal[""] = ""


class SupplementItemIn(InputSchema):
    key: Annotated[str, Field(max_length=64, pattern=r"^[A-Za-z0-9_.-]*$")] = ""
    name: Annotated[str, Field(max_length=200, pattern=r"^[^\x00]*$")]
    reason: Annotated[str, Field(max_length=500, pattern=r"^[^\x00]*$")]


class SupplementIn(VersionIn):
    items: list[SupplementItemIn] = Field(..., min_length=1, max_length=30)
    note: Text = ""


class ExtendIn(VersionIn):
    days: int = Field(..., ge=1, le=30, description="working days")
    reason: Text


class TransferIn(VersionIn):
    reason: Text
    to_user: Annotated[str, Field(max_length=150, pattern=r"^[A-Za-z0-9_.@+-]+$")] | None = None
    to_department: Annotated[str, Field(max_length=32, pattern=r"^[0-9A-Za-z][0-9A-Za-z._-]*$")] | None = None


class CombinedStatusOut(Schema):
    code: str
    label: str
    done: int
    total: int


class ApplicantCaseOut(Schema):
    reference: str
    matter_code: str
    matter_name: str
    department: str
    status: CaseStatus
    status_label: str
    committed_due: datetime.date | None
    decided_at: datetime.datetime | None


class PlainStepOut(Schema):
    at: datetime.datetime
    text: str
    reason: str
    case_reference: str
    matter_name: str


class ApplicationCasesOut(Schema):
    combined_status: CombinedStatusOut
    cases: list[ApplicantCaseOut]
    timeline: list[PlainStepOut]
    supplements: list[SupplementOut]

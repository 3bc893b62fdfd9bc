"""API of notifications: my in-app messages, and marking one read (thin: one selector or service each)."""

from __future__ import annotations

import datetime
from typing import Annotated

from ninja import Field, Router, Schema
from ninja.pagination import paginate

from onevisit.api.auth import session_or_token
from onevisit.api.pagination import BoundedLimitOffsetPagination
from onevisit.notifications import selectors, services

router = Router(tags=["notifications"])

NotificationId = Annotated[int, Field(ge=1, le=2**63 - 1)]


class NotificationOut(Schema):
    id: int
    subject: str
    body: str
    created_at: datetime.datetime
    read_at: datetime.datetime | None
    unread: bool = Field(alias="is_unread")


@router.get("", response=list[NotificationOut], auth=session_or_token,
            summary="My in-app messages (站内消息), newest first")
@paginate(BoundedLimitOffsetPagination)
def list_mine(request):
    return selectors.inbox_for(user=request.user)


@router.post("/{notification_id}/read", response=NotificationOut, auth=session_or_token,
             summary="Mark one of my messages read (again: no change)")
def mark_read(request, notification_id: NotificationId):
    return services.notification_mark_read(user=request.user, notification_id=notification_id)

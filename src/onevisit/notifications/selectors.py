"""Reads for notifications: a person's messages and their in-app inbox."""

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet

from onevisit.notifications.models import Channel, Notification

INBOX_PAGE_SIZE = 20


def notifications_for(*, user) -> QuerySet[Notification]:
    """Every message to ``user`` on every channel, newest first."""
    return Notification.objects.filter(recipient=user)


def inbox_for(*, user) -> QuerySet[Notification]:
    """``user``'s in-app messages (站内消息), newest first; nobody else's, ever."""
    return Notification.objects.filter(recipient=user, channel=Channel.INAPP)


def inbox_page(*, user, page_number: int | str | None = 1, per_page: int = INBOX_PAGE_SIZE) -> Page:
    """One page of the inbox; a page number out of range or not a number gives the nearest page."""
    return Paginator(inbox_for(user=user), per_page).get_page(page_number)


def inbox_unread_count(*, user) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return inbox_for(user=user).filter(read_at__isnull=True).count()

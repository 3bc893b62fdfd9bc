"""What a data subject may see: every attempt to read their data through the gateway.

Read side of the access log for the portal's "My data usage" (我的数据使用记录). A citizen
sees rows whose subject is their ID number; an enterprise's legal representative or agent sees
rows whose subject is the enterprise's USCC. Refused and failed attempts are shown too: a
person has a right to know that someone tried.
"""

import datetime
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from onevisit.accounts.models import Department
from onevisit.exchange.models import AccessLog, DataItem
from onevisit.exchange.selectors import access_log_for_subject


@dataclass(frozen=True)
class UsageFilter:
    subject: str
    since: datetime.date | None = None
    until: datetime.date | None = None
    department_code: str | None = None


def _day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def data_usage_for_subject(*, usage: UsageFilter) -> QuerySet[AccessLog]:
    """Access-log rows about ``usage.subject``, newest first, filtered by dates (inclusive) and
    consuming department."""
    rows = access_log_for_subject(subject=usage.subject)
    if usage.since:
        rows = rows.filter(created_at__gte=_day_start(usage.since))
    if usage.until:
        rows = rows.filter(created_at__lt=_day_start(usage.until + datetime.timedelta(days=1)))
    if usage.department_code:
        rows = rows.filter(consumer__code=usage.department_code)
    return rows


def departments_that_used(*, subject: str) -> QuerySet[Department]:
    """The departments that appear in the subject's log, for the filter's choices."""
    ids = AccessLog.objects.filter(subject=subject).values("consumer_id").distinct()
    return Department.objects.filter(pk__in=ids).order_by("name")


def item_names(*, codes: set[str]) -> dict[str, DataItem]:
    """Catalogue entries for the item codes on a page, to show their names."""
    return {item.code: item for item in DataItem.objects.filter(code__in=codes)}

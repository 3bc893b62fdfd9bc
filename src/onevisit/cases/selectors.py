"""Reading cases: department queues, search, one case with what an officer reviews, the
applicant's combined status of a bundle, and timelines (full for staff, plain for citizens)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from onevisit.accounts.models import User
from onevisit.cases import queue_rows, queue_sql
from onevisit.cases.deadlines import GREEN, RED, WARNING_LABELS, YELLOW, WarningClock
from onevisit.cases.errors import CaseNotFound
from onevisit.cases.models import (
    DONE_STATUSES,
    OPEN_STATUSES,
    Case,
    CaseAction,
    CaseEvent,
    CaseStatus,
)
from onevisit.cases.permissions import VIEW_ROLES, check_view, roles_of
from onevisit.catalogue.selectors import matter_ids_of_code
from onevisit.core import keyset

QUEUES = {
    "todo": gettext_lazy("待办"),        # open, unclaimed or mine, not waiting
    "mine": gettext_lazy("我的办件"),
    "unclaimed": gettext_lazy("待认领"),
    "paused": gettext_lazy("暂停计时"),
    "waiting": gettext_lazy("等待前置"),
    "done": gettext_lazy("已办结"),
    "all": gettext_lazy("全部"),
}
def _department_cases(user: User) -> QuerySet[Case]:
    if not (user.is_officer and user.department_id and roles_of(user) & VIEW_ROLES):
        return Case.objects.none()
    return Case.objects.filter(department_id=user.department_id)


def case_queue(*, user: User, queue: str = "todo") -> QuerySet[Case]:
    """The officer's department cases in one queue (the ORM form, for counting; pages are read
    by ``queue_sql``)."""
    cases = _department_cases(user)
    if queue == "todo":
        cases = cases.filter(status__in=(CaseStatus.RECEIVED, CaseStatus.IN_PROGRESS)).filter(
            Q(assignee__isnull=True) | Q(assignee_id=user.pk))
    elif queue == "mine":
        cases = cases.filter(assignee_id=user.pk, status__in=OPEN_STATUSES)
    elif queue == "unclaimed":
        cases = cases.filter(assignee__isnull=True, status__in=(CaseStatus.RECEIVED, CaseStatus.IN_PROGRESS))
    elif queue == "paused":
        cases = cases.filter(status__in=(CaseStatus.SUPPLEMENT, CaseStatus.SUSPENDED))
    elif queue == "waiting":
        cases = cases.filter(status=CaseStatus.WAITING)
    elif queue == "done":
        cases = cases.filter(status__in=DONE_STATUSES)
    return cases


# Queue orders (NULLs last: waiting cases have no due date yet, terminated ones no decision time).
# They follow the cases_todo_* / cases_done / cases_dept_* indexes, so a page is an index range scan.
DUE_KEYS = (keyset.Key("committed_due", "date", nullable=True), keyset.Key("id"))
DECIDED_KEYS = (keyset.Key("decided_at", "datetime", descending=True),  # set on every closed case
                keyset.Key("id", descending=True))
RECENT_KEYS = (keyset.Key("opened_at", "datetime", descending=True), keyset.Key("id", descending=True))


def queue_keys(queue: str) -> tuple[keyset.Key, ...]:
    return DECIDED_KEYS if queue == "done" else DUE_KEYS


def _search(q: str) -> queue_sql.Search | None:
    """A reference (or its start), an application reference, the applicant's name (or its
    start), or a matter code."""
    q = q.replace("\x00", "").strip()[:64]  # PostgreSQL text cannot hold NUL: drop it, not a 500
    if not q or q.upper().startswith("APP-"):
        return queue_sql.search(q)
    # The matter is looked up first: an OR across the join would keep PostgreSQL from using the
    # name indexes and scan the whole department instead.
    return queue_sql.search(q, matter_ids=matter_ids_of_code(q))


def _keyset_page(*, user: User, queue: str, keys, status: str, q: str, cursor: str | None,
                 limit: int) -> keyset.Page:
    after = keyset.decode(keys, cursor) if cursor else None
    rows = queue_sql.page(user=user, queue=queue, keys=keys, status=status, found=_search(q), after=after,
                          limit=limit)
    more = len(rows) > limit
    rows = rows[:limit]
    return keyset.Page(rows=queue_rows.rows_out(rows),
                       next_cursor=queue_rows.cursor_after(keys, rows[-1]) if more and rows else None)


def case_queue_page(*, user: User, queue: str = "todo", status: str = "", q: str = "", cursor: str | None = None,
                    limit: int = 50) -> keyset.Page:
    """One page of a queue after ``cursor`` (keyset pagination), most urgent first, rows with
    their warning state (``queue_rows.rows_out``); one SQL statement (``queue_sql``)."""
    return _keyset_page(user=user, queue=queue, keys=queue_keys(queue), status=status, q=q, cursor=cursor,
                        limit=limit)


def case_search_page(*, user: User, q: str, cursor: str | None = None, limit: int = 50) -> keyset.Page:
    """One page of search results over all the department's cases, most recently opened first."""
    return _keyset_page(user=user, queue="all", keys=RECENT_KEYS, status="", q=q, cursor=cursor, limit=limit)


def case_get(*, user: User, reference: str) -> Case:
    """One case for an officer of its department (CaseNotFound for everyone else, so another
    department cannot even learn that the reference exists)."""
    case = Case.objects.select_related("matter", "department", "assignee", "application", "applicant",
                                       "enterprise").filter(reference=reference).first()
    if case is None:
        raise CaseNotFound()
    try:
        check_view(user, case)
    except Exception:
        raise CaseNotFound() from None
    return case


def case_warning(case: Case, clock: WarningClock | None = None):
    clock = clock or WarningClock()
    return clock.warning(due=case.committed_due, is_open=case.is_open,
                         is_paused=case.is_paused or case.status == CaseStatus.WAITING)


def case_timeline(*, case: Case) -> QuerySet[CaseEvent]:
    return case.events.select_related("actor", "department").order_by("seq")


# What a citizen reads for each step (the staff timeline shows the action, actor and reason).
PLAIN = {
    CaseAction.OPENED: gettext_lazy("%(department)s 已收到您的申请"),
    CaseAction.WAITING: gettext_lazy("等待相关事项办结后自动开始办理"),
    CaseAction.READY: gettext_lazy("相关事项已办结，开始办理"),
    CaseAction.ACCEPTED: gettext_lazy("%(department)s 已受理"),
    CaseAction.NOT_ACCEPTED: gettext_lazy("不予受理"),
    CaseAction.REVIEWED: gettext_lazy("审查完成"),
    CaseAction.TASK_COMPLETED: gettext_lazy("办理环节完成"),
    CaseAction.APPROVED: gettext_lazy("已办结：准予"),
    CaseAction.REJECTED: gettext_lazy("已办结：不予"),
    CaseAction.SUPPLEMENT_REQUESTED: gettext_lazy("需要您补正材料（暂停计时）"),
    CaseAction.SUPPLEMENT_SUPPLIED: gettext_lazy("您已补正材料，继续办理"),
    CaseAction.SUSPENDED: gettext_lazy("办理中止"),
    CaseAction.RESUMED: gettext_lazy("恢复办理"),
    CaseAction.EXTENDED: gettext_lazy("办理时限延长"),
    CaseAction.TRANSFERRED: gettext_lazy("已转交相关部门办理"),
    CaseAction.TERMINATED: gettext_lazy("终止办理"),
    CaseAction.DOCUMENT_READY: gettext_lazy("决定书已生成，可下载"),
}
# Reasons the applicant is entitled to read (the rest are internal notes).
PUBLIC_REASONS = {CaseAction.NOT_ACCEPTED, CaseAction.REJECTED, CaseAction.SUSPENDED, CaseAction.EXTENDED,
                  CaseAction.TERMINATED}


@dataclass(frozen=True)
class PlainStep:
    at: Any
    text: str
    reason: str
    case_reference: str
    matter_name: str


def plain_timeline(*, cases: list[Case]) -> list[PlainStep]:
    """The applicant's timeline over all cases of an application, oldest first: plain
    sentences, no officer names, reasons only where the applicant is owed them."""
    by_id = {c.pk: c for c in cases}
    events = CaseEvent.objects.filter(case_id__in=by_id, action__in=list(PLAIN)).order_by("at", "case_id", "seq")
    steps = []
    for e in events:
        case = by_id[e.case_id]
        text = str(PLAIN[CaseAction(e.action)]) % {"department": case.department.name}
        steps.append(PlainStep(at=e.at, text=text, reason=e.reason if e.action in PUBLIC_REASONS else "",
                               case_reference=case.reference, matter_name=case.matter.name))
    return steps


def application_cases(*, application) -> list[Case]:
    return list(application.cases.select_related("matter", "department").order_by("reference"))


@dataclass(frozen=True)
class CombinedStatus:
    code: str       # submitted / in_progress / supplement / done / partly_done / refused
    label: str
    done: int
    total: int


def combined_status(*, cases: list[Case]) -> CombinedStatus:
    """One status for the applicant over every case of the application (one bundle, one answer)."""
    total = len(cases)
    done = sum(1 for c in cases if c.status in DONE_STATUSES)
    if total == 0:
        return CombinedStatus("submitted", _("已提交"), 0, 0)
    if any(c.status == CaseStatus.SUPPLEMENT for c in cases):
        return CombinedStatus("supplement", _("待您补正材料"), done, total)
    if done < total:
        if done == 0 and all(c.status in (CaseStatus.RECEIVED, CaseStatus.WAITING) for c in cases):
            return CombinedStatus("submitted", _("已提交，等待受理"), done, total)
        return CombinedStatus("in_progress", _("办理中（%(done)s/%(total)s 已办结）") % {"done": done, "total": total},
                              done, total)
    approved = sum(1 for c in cases if c.status == CaseStatus.APPROVED)
    if approved == total:
        return CombinedStatus("done", _("已办结"), done, total)
    if approved == 0:
        return CombinedStatus("refused", _("已办结：未获准予"), done, total)
    return CombinedStatus("partly_done", _("已办结（部分事项未获准予）"), done, total)


def combined_statuses(*, applications: list) -> dict[int, CombinedStatus]:
    """``combined_status`` for a page of applications in one query."""
    by_application: dict[int, list[Case]] = {}
    for case in Case.objects.filter(application__in=applications).only("id", "application_id", "status"):
        by_application.setdefault(case.application_id, []).append(case)
    return {pk: combined_status(cases=cases) for pk, cases in by_application.items()}


def open_supplements_for(*, applicant: User, cases: list[Case]):
    from onevisit.cases.models import Supplement

    return list(Supplement.objects.filter(case__in=[c for c in cases if c.applicant_id == applicant.pk],
                                          supplied_at__isnull=True).select_related("case__matter"))


def case_of_applicant(*, applicant: User, reference: str) -> Case:
    """One of the applicant's own cases (anyone else's is not found)."""
    case = Case.objects.select_related("matter", "department").filter(reference=reference,
                                                                       applicant_id=applicant.pk).first()
    if case is None:
        raise CaseNotFound()
    return case


@dataclass(frozen=True)
class QueuePage:
    """One page of a queue, found without counting the queue (it may hold a million rows)."""

    rows: list[dict[str, Any]]
    number: int
    has_next: bool
    next_cursor: str | None = None

    @property
    def has_previous(self) -> bool:
        return self.number > 1


MAX_PAGE = 2000  # deeper offsets get slow; search narrows a queue better than paging does


def case_queue_numbered_page(*, user: User, queue: str = "todo", status: str = "", q: str = "", page: int = 1,
                             page_size: int = 25, cursor: str | None = None) -> QueuePage:
    """Page ``page`` of a queue for the workbench, with warnings in words. With ``cursor`` (the
    ``next_cursor`` of the page before) it is a keyset page that costs the same at any depth;
    without, the page is found ``page_size * (page - 1)`` rows in (a link back, an old bookmark).
    Either way the queue's own statement (``queue_sql``), one row more than shown telling
    whether there is a next page."""
    page = min(max(page, 1), MAX_PAGE)
    keys = queue_keys(queue)
    after = keyset.decode(keys, cursor) if cursor else None
    rows = queue_sql.page(user=user, queue=queue, keys=keys, status=status, found=_search(q), after=after,
                          limit=page_size, offset=0 if after is not None else (page - 1) * page_size)
    shown = rows[:page_size]
    out = [{**row, "warning_text": warning_text(row["warning"], row["days_left"])}
           for row in queue_rows.rows_out(shown)]
    more = len(rows) > page_size
    return QueuePage(rows=out, number=page, has_next=more,
                     next_cursor=queue_rows.cursor_after(keys, shown[-1]) if more and shown else None)


def warning_text(state: str, days_left: int | None) -> str:
    """The warning in words, with the working days left or overdue (colour is never alone)."""
    label = str(WARNING_LABELS[state])
    if days_left is None or state not in (GREEN, YELLOW, RED):
        return label
    if days_left == 0:
        return _("%(label)s（今日到期）") % {"label": label}
    if days_left < 0:
        return _("%(label)s（超期 %(days)s 个工作日）") % {"label": label, "days": -days_left}
    return _("%(label)s（剩 %(days)s 个工作日）") % {"label": label, "days": days_left}


def queue_counts(*, user: User, queues: tuple[str, ...] = ("todo", "mine", "unclaimed", "paused"),
                 cap: int = 100) -> dict[str, int]:
    """How many cases each queue holds, counted up to ``cap + 1`` (a LIMITed subquery: "100+"
    is all a busy queue's badge needs to say)."""
    return {queue: case_queue(user=user, queue=queue).order_by()[:cap + 1].count() for queue in queues}


def case_for_result(*, case_id: int) -> Case:
    """A case with what issuing its result needs loaded (for the e-certificate job; no user)."""
    return Case.objects.select_related("matter__result_certificate", "department", "applicant", "enterprise",
                                       "application").get(pk=case_id)

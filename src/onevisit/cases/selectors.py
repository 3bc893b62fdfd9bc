"""Reading cases: department queues, search, one case with what an officer reviews, the
applicant's combined status of a bundle, and timelines (full for staff, plain for citizens)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from onevisit.accounts.models import User
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
from onevisit.catalogue.models import Matter
from onevisit.catalogue.selectors import matter_labels
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
QUEUE_COLUMNS = ("id", "reference", "status", "task", "task_name", "applicant_name", "channel", "immediate",
                 "committed_due", "statutory_due", "opened_at", "decided_at", "assignee_id", "department_id",
                 "matter_id", "version")
# No joins in queue queries: a join lets the planner start from the small table and sort the
# department's cases; the page's matter and assignee names come in two small queries instead.


def _department_cases(user: User) -> QuerySet[Case]:
    if not (user.is_officer and user.department_id and roles_of(user) & VIEW_ROLES):
        return Case.objects.none()
    return Case.objects.filter(department_id=user.department_id)


def case_queue(*, user: User, queue: str = "todo", status: str = "", q: str = "") -> QuerySet[Case]:
    """The officer's department cases in one queue, most urgent first; rows are dicts of
    ``QUEUE_COLUMNS`` (no model instances: a page of 100 must stay cheap)."""
    cases = _department_cases(user)
    if queue == "todo":
        cases = cases.filter(status__in=(CaseStatus.RECEIVED, CaseStatus.IN_PROGRESS)).filter(
            Q(assignee__isnull=True) | Q(assignee_id=user.pk))
    elif queue == "todo_mine":  # the part of "todo" claimed by me (see case_queue_page)
        cases = cases.filter(assignee_id=user.pk, status__in=(CaseStatus.RECEIVED, CaseStatus.IN_PROGRESS))
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
    if status:
        cases = cases.filter(status=status)
    if q:
        cases = case_search_filter(cases, q)
    return cases.order_by(*keyset.ordering(queue_keys(queue))).values(*QUEUE_COLUMNS)


# Queue orders (NULLs last: waiting cases have no due date yet, terminated ones no decision time).
# They follow the cases_queue / cases_dept_recent indexes, so a page is an index range scan.
DUE_KEYS = (keyset.Key("committed_due", "date", nullable=True), keyset.Key("id"))
DECIDED_KEYS = (keyset.Key("decided_at", "datetime", descending=True),  # set on every closed case
                keyset.Key("id", descending=True))
RECENT_KEYS = (keyset.Key("opened_at", "datetime", descending=True), keyset.Key("id", descending=True))


def queue_keys(queue: str) -> tuple[keyset.Key, ...]:
    return DECIDED_KEYS if queue == "done" else DUE_KEYS


def case_queue_page(*, user: User, queue: str = "todo", status: str = "", q: str = "", cursor: str | None = None,
                    limit: int = 50) -> keyset.Page:
    """One page of a queue after ``cursor`` (keyset pagination), rows with their warning state.

    The to-do queue is "unclaimed, or claimed by me": as one query PostgreSQL estimates it badly
    and sorts thousands of rows; as two (the cases_todo_free and cases_todo_mine indexes) each
    part is an ordered index scan that stops after a page.
    """
    keys = queue_keys(queue)
    if queue == "todo":
        parts = [case_queue(user=user, queue=part, status=status, q=q) for part in ("unclaimed", "todo_mine")]
        page = keyset.merged_page(parts, keys, cursor=cursor, limit=limit)
    else:
        page = keyset.page(case_queue(user=user, queue=queue, status=status, q=q), keys, cursor=cursor, limit=limit)
    return keyset.Page(rows=with_warnings(page.rows), next_cursor=page.next_cursor)


def case_search_page(*, user: User, q: str, cursor: str | None = None, limit: int = 50) -> keyset.Page:
    """One page of search results, most recently opened first."""
    page = keyset.page(case_search(user=user, q=q), RECENT_KEYS, cursor=cursor, limit=limit)
    return keyset.Page(rows=with_warnings(page.rows), next_cursor=page.next_cursor)


def case_search_filter(cases: QuerySet[Case], q: str) -> QuerySet[Case]:
    """A reference (or its start), an application reference, or the applicant's name."""
    q = q.strip()[:64]
    if not q:
        return cases
    if q.upper().startswith("APP-"):
        return cases.filter(reference__startswith=q.upper())
    # The matter is looked up first: an OR across the join would keep PostgreSQL from using the
    # name-prefix index (cases_dept_name_prefix) and scan the whole department instead.
    matter_ids = list(Matter.objects.filter(code=q).values_list("pk", flat=True))
    by_name = Q(applicant_name__startswith=q)
    return cases.filter(by_name | Q(matter_id__in=matter_ids) if matter_ids else by_name)


def case_search(*, user: User, q: str) -> QuerySet[Case]:
    return case_search_filter(_department_cases(user), q).order_by("-opened_at", "-id").values(*QUEUE_COLUMNS)


def with_warnings(rows, clock: WarningClock | None = None) -> list[dict[str, Any]]:
    """Complete queue rows: the matter's code and name, the assignee's name, the status label,
    and the deadline warning (green / yellow / red / paused / done) with its label and the
    working days left. Names come in one query each; the calendar is read once per due date."""
    rows = list(rows)
    clock = clock or WarningClock()
    matters = matter_labels(ids={r["matter_id"] for r in rows})
    assignee_ids = {r["assignee_id"] for r in rows if r["assignee_id"] is not None}
    assignees = dict(User.objects.filter(pk__in=assignee_ids).values_list("pk", "full_name")) if assignee_ids else {}
    status_labels = {value: str(label) for value, label in CaseStatus.choices}
    warnings: dict[tuple, Any] = {}
    out = []
    for row in rows:
        status = row["status"]
        key = (row["committed_due"], status in OPEN_STATUSES,
               status in (CaseStatus.SUPPLEMENT, CaseStatus.SUSPENDED, CaseStatus.WAITING))
        if key not in warnings:
            w = clock.warning(due=key[0], is_open=key[1], is_paused=key[2])
            warnings[key] = (w.state, w.label, w.days_left)
        state, label, left = warnings[key]
        code, name = matters.get(row["matter_id"], ("", ""))
        out.append({**row, "matter__code": code, "matter__name": name,
                    "assignee__full_name": assignees.get(row["assignee_id"]), "warning": state,
                    "warning_label": label, "days_left": left, "status_label": status_labels[status]})
    return out


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

    @property
    def has_previous(self) -> bool:
        return self.number > 1


MAX_PAGE = 2000  # deeper offsets get slow; search narrows a queue better than paging does


def case_queue_numbered_page(*, user: User, queue: str = "todo", status: str = "", q: str = "", page: int = 1,
                             page_size: int = 25) -> QueuePage:
    """Rows ``page_size * (page - 1)`` onwards of a queue, with warnings; one LIMIT query that
    reads one row more than it shows, to tell whether there is a next page."""
    page = min(max(page, 1), MAX_PAGE)
    start = (page - 1) * page_size
    rows = list(case_queue(user=user, queue=queue, status=status, q=q)[start:start + page_size + 1])
    shown = [{**row, "warning_text": warning_text(row["warning"], row["days_left"])}
             for row in with_warnings(rows[:page_size])]
    return QueuePage(rows=shown, number=page, has_next=len(rows) > page_size)


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

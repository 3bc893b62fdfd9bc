"""Workbench: the officer's case queues, one case with everything to review, and the actions
on it (POST forms, each with the version seen and a request key; success redirects).

Reads come from ``cases.selectors`` / ``cases.review_selectors``, writes from
``cases.services``; a case of another department is not found (404), never forbidden."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from onevisit.accounts.decorators import officer_required
from onevisit.cases import review_selectors, selectors, services
from onevisit.cases.errors import StaleCase
from onevisit.cases.models import CaseStatus
from onevisit.core.errors import DomainError, NotFound, ValidationFailed
from onevisit.workbench import case_forms as f
from onevisit.workbench.errors import render_domain_error

PAGE_SIZE = 25


def _complete_task(*, case, **kwargs):
    return services.case_complete_task(case=case, task=case.task, **kwargs)


def _supplement(*, case, **kwargs):
    return services.case_request_supplement(case=case, **kwargs)


# action -> (form, service, success message)
ACTIONS = {
    "claim": (f.ClaimForm, services.case_claim, gettext_lazy("已认领该办件。")),
    "release": (f.ReleaseForm, services.case_release, gettext_lazy("已退回待认领。")),
    "accept": (f.AcceptForm, services.case_accept, gettext_lazy("已受理。")),
    "accept_immediate": (f.ImmediateAcceptForm, services.case_accept, gettext_lazy("已受理并作出决定。")),
    "not_accept": (f.NotAcceptForm, services.case_not_accept, gettext_lazy("已决定不予受理。")),
    "complete_task": (f.CompleteTaskForm, _complete_task, gettext_lazy("已完成本环节。")),
    "decide": (f.DecideForm, services.case_decide, gettext_lazy("已作出决定。")),
    "supplement": (f.SupplementForm, _supplement, gettext_lazy("已一次性告知申请人补正，暂停计时。")),
    "suspend": (f.SuspendForm, services.case_suspend, gettext_lazy("已中止办理，暂停计时。")),
    "resume": (f.ResumeForm, services.case_resume, gettext_lazy("已恢复办理。")),
    "extend": (f.ExtendForm, services.case_extend, gettext_lazy("已延长办理时限。")),
    "transfer": (f.TransferForm, services.case_transfer, gettext_lazy("已转交。")),
}
# Fields a service names that live under another name on the form.
FIELD_ALIASES = {"to_user": "to", "to_department": "to", "opinion": "opinion"}


@officer_required
@require_GET
def case_list(request):
    queue = request.GET.get("queue", "todo")
    if queue not in selectors.QUEUES:
        queue = "todo"
    status = request.GET.get("status", "")
    if status not in CaseStatus.values:
        status = ""
    q = request.GET.get("q", "").strip()[:64]
    try:
        number = int(request.GET.get("page", "1"))
    except ValueError:
        number = 1
    # "Next" carries the keyset cursor of the page shown (as fast on page 500 as on page 2);
    # "previous" and bookmarks carry the page number only.
    cursor = request.GET.get("cursor", "")[:200] or None
    try:
        page = selectors.case_queue_numbered_page(user=request.user, queue=queue, status=status, q=q, page=number,
                                                  page_size=PAGE_SIZE, cursor=cursor)
    except ValidationFailed:  # a cursor edited by hand: start from the page number instead
        page = selectors.case_queue_numbered_page(user=request.user, queue=queue, status=status, q=q, page=number,
                                                  page_size=PAGE_SIZE)
    filters = {k: v for k, v in (("queue", queue), ("status", status), ("q", q)) if v}
    next_query = urlencode({**filters, "page": page.number + 1, **({"cursor": page.next_cursor} if page.next_cursor
                                                                     else {})})
    return render(request, "workbench/cases/list.html", {
        "page": page, "queue": queue, "status": status, "q": q, "query": urlencode(filters), "next_query": next_query,
        "tabs": [(key, label, urlencode({**filters, "queue": key})) for key, label in selectors.QUEUES.items()],
        "statuses": CaseStatus.choices, "filtered": bool(status or q),
    })


def _get_case(request, reference: str):
    return selectors.case_get(user=request.user, reference=reference)


def _forms(request, case, allowed: set[str], bound: dict | None = None) -> dict:
    """An unbound form for every allowed action (fresh request keys), or the bound one that failed."""
    bound = bound or {}
    out = {}
    for action in sorted(allowed):
        if action in bound:
            out[action] = bound[action]
            continue
        form_class = ACTIONS[action][0]
        extra = {}
        if action == "transfer":
            extra["officers"], extra["departments"] = review_selectors.transfer_targets(case=case, actor=request.user)
        out[action] = form_class(case=case, prefix=action, **extra)
    if "supplement" in out and "supplement_items" not in bound:
        out["supplement_items"] = f.SupplementItemFormSet(prefix="items")
    elif "supplement_items" in bound:
        out["supplement_items"] = bound["supplement_items"]
    return out


def _render_case(request, case, *, bound: dict | None = None, alert: str = "", status: int = 200):
    allowed = review_selectors.case_actions(user=request.user, case=case)
    warning = selectors.case_warning(case)
    return render(request, "workbench/cases/detail.html", {
        "case": case, "warning": warning, "warning_text": selectors.warning_text(warning.state, warning.days_left),
        "review": review_selectors.case_review(case=case),
        "forms": _forms(request, case, allowed, bound), "alert": alert,
        "status_label": CaseStatus(case.status).label,
    }, status=status)


@officer_required
@require_GET
def case_detail(request, reference: str):
    try:
        case = _get_case(request, reference)
    except NotFound as exc:
        return render_domain_error(request, exc)
    return _render_case(request, case)


def _add_errors(form, exc: DomainError) -> None:
    details = exc.details if isinstance(exc.details, list) else []
    placed = False
    for d in details:
        name = FIELD_ALIASES.get(d.get("field"), d.get("field")) if isinstance(d, dict) else None
        if name in form.fields:
            form.add_error(name, d.get("message", ""))
            placed = True
    if not placed:
        form.add_error(None, str(exc.message))


@officer_required
@require_POST
def case_act(request, reference: str, action: str):
    if action not in ACTIONS:
        raise Http404
    try:
        case = _get_case(request, reference)
    except NotFound as exc:
        return render_domain_error(request, exc)
    form_class, service, success = ACTIONS[action]
    extra = {}
    if action == "transfer":
        extra["officers"], extra["departments"] = review_selectors.transfer_targets(case=case, actor=request.user)
    form = form_class(request.POST, case=case, prefix=action, **extra)
    bound = {action: form}
    items = None
    if action == "supplement":
        items = bound["supplement_items"] = f.SupplementItemFormSet(request.POST, prefix="items")
    if not form.is_valid() or (items is not None and not items.is_valid()):
        return _render_case(request, case, bound=bound, status=422)
    kwargs = form.service_kwargs()
    if items is not None:
        kwargs["items"] = f.supplement_items(items)
    try:
        service(case=case, actor=request.user, **kwargs)
    except StaleCase:
        fresh = _get_case(request, reference)
        return _render_case(request, fresh, status=409, alert=_(
            "该办件刚刚被其他人修改过，您的操作未执行。下面是最新状态，请核对后重新操作。"))
    except DomainError as exc:
        if action not in review_selectors.case_actions(user=request.user, case=case):
            # The form is not offered to this officer (any more): say why above the page.
            return _render_case(request, case, alert=str(exc.message), status=exc.status)
        _add_errors(form, exc)
        return _render_case(request, case, bound=bound, status=exc.status)
    messages.success(request, success)
    return redirect("workbench:case_detail", reference=case.reference)


@officer_required
@require_GET
def case_file(request, reference: str, kind: str, file_id: int):
    """Stream a file of the case to an officer of its department; everyone else: not found."""
    try:
        found = review_selectors.case_file_get(user=request.user, reference=reference, kind=kind, file_id=file_id)
    except NotFound as exc:
        return render_domain_error(request, exc)
    response = FileResponse(found.file.open("rb"), content_type=found.content_type, filename=found.name,
                            as_attachment=found.content_type not in ("application/pdf", "image/jpeg", "image/png"))
    response["Cache-Control"] = "private, no-store"
    return response

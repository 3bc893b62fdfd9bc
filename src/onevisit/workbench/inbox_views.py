"""Workbench: a staff member's in-app inbox (消息) — list, mark one or all read."""

from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from onevisit.accounts.decorators import officer_required
from onevisit.core.errors import DomainError
from onevisit.notifications import selectors, services
from onevisit.workbench.errors import render_domain_error


@officer_required
def inbox(request):
    return render(request, "workbench/inbox.html", {
        "page": selectors.inbox_page(user=request.user, page_number=request.GET.get("page")),
        "unread": selectors.inbox_unread_count(user=request.user),
    })


@officer_required
@require_POST
def inbox_read(request, notification_id: int):
    try:
        services.notification_mark_read(user=request.user, notification_id=notification_id)
    except DomainError as exc:
        return render_domain_error(request, exc)
    page = request.POST.get("page", "")
    response = redirect("workbench:inbox")
    if page.isdigit():
        response["Location"] += f"?page={page}"
    return response


@officer_required
@require_POST
def inbox_read_all(request):
    services.notifications_mark_all_read(user=request.user)
    return redirect("workbench:inbox")

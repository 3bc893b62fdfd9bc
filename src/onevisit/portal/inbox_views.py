"""Portal: the citizen's in-app inbox (我的消息) — list, mark one or all read."""

from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from onevisit.accounts.decorators import citizen_required
from onevisit.notifications import selectors, services
from onevisit.notifications.errors import NotificationNotFound


@citizen_required
def inbox(request):
    return render(request, "portal/inbox.html", {
        "page": selectors.inbox_page(user=request.user, page_number=request.GET.get("page")),
        "unread": selectors.inbox_unread_count(user=request.user),
    })


@citizen_required
@require_POST
def inbox_read(request, notification_id: int):
    try:
        services.notification_mark_read(user=request.user, notification_id=notification_id)
    except NotificationNotFound:
        raise Http404 from None
    return _back_to_inbox(request)


@citizen_required
@require_POST
def inbox_read_all(request):
    services.notifications_mark_all_read(user=request.user)
    return redirect("portal:inbox")


def _back_to_inbox(request):
    page = request.POST.get("page", "")
    response = redirect("portal:inbox")
    if page.isdigit():
        response["Location"] += f"?page={page}"
    return response

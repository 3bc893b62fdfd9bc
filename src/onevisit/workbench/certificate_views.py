"""Workbench: certificates my department issued (本部门签发的证照), and changing their status.

Only the issuing department's officers change a status (certificates.permissions); the view maps
the request to the service and shows a domain error as a page with its status.
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from onevisit.accounts.decorators import officer_required
from onevisit.certificates import selectors
from onevisit.certificates.status_changes import TRANSITIONS, certificate_status_change
from onevisit.core.errors import DomainError
from onevisit.workbench.errors import render_domain_error

PAGE_SIZE = 100


@officer_required
def certificate_list(request):
    department = request.user.department
    q = request.GET.get("q", "").strip()[:128]
    certificates = selectors.issued_by(department=department) if department else []
    if q and department:
        certificates = certificates.filter(identifier__icontains=q) | certificates.filter(holder_name__icontains=q)
    return render(request, "workbench/certificate_list.html", {
        "certificates": list(certificates[:PAGE_SIZE]) if department else [], "q": q,
        "actions": [(action.value, action.label) for action in TRANSITIONS],
    })


@officer_required
@require_POST
def certificate_status(request, identifier: str):
    try:
        certificate = selectors.certificate_get(identifier=identifier)
        certificate_status_change(certificate_id=certificate.pk, action=request.POST.get("action", ""),
                                  user=request.user, reason=request.POST.get("reason", ""))
    except DomainError as exc:
        return render_domain_error(request, exc)
    except ValueError:
        messages.error(request, _("未知操作。"))
        return redirect("workbench:certificate_list")
    messages.success(request, _("证照状态已变更，状态列表已同步更新。"))
    return redirect(reverse("workbench:certificate_list") + "?" + urlencode({"q": identifier}))

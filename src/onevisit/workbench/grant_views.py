"""Workbench: data-sharing grants (共享授权) — a department asks, the owner's data officer decides."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from onevisit.accounts.decorators import officer_required
from onevisit.accounts.models import StaffRole
from onevisit.accounts.selectors import staff_roles
from onevisit.core.errors import DomainError
from onevisit.exchange import selectors as exchange_selectors
from onevisit.exchange import services as exchange_services
from onevisit.exchange.models import GrantStatus
from onevisit.workbench.errors import render_domain_error


class GrantRequestForm(forms.Form):
    fields = forms.MultipleChoiceField(label=gettext_lazy("申请字段"), widget=forms.CheckboxSelectMultiple)
    purpose = forms.CharField(label=gettext_lazy("用途（事项编码或法定用途）"), max_length=64,
                              help_text=gettext_lazy("例如 DEMO-M01（出生登记）"))
    legal_basis = forms.CharField(label=gettext_lazy("申请依据"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, item, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fields"].choices = [(f.name, f"{f.label}（{f.name}）") for f in item.fields.all()]


class DecisionForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("审核意见"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


@officer_required
def grant_list(request):
    department = request.user.department
    is_data_officer = StaffRole.DATA_OFFICER in staff_roles(user=request.user)
    context = {
        "mine": exchange_selectors.grants_list(department=department, role="consumer")[:100] if department else [],
        "to_decide": exchange_selectors.grants_list(department=department, role="owner",
                                                    status=GrantStatus.REQUESTED)[:100]
        if department and is_data_officer else [],
        "is_data_officer": is_data_officer,
        "decision_form": DecisionForm(),
    }
    return render(request, "workbench/grant_list.html", context)


@officer_required
@require_http_methods(["GET", "POST"])
def grant_new(request, code: str):
    try:
        item = exchange_selectors.catalogue_item_get(code=code)
    except DomainError as exc:
        return render_domain_error(request, exc)
    form = GrantRequestForm(request.POST or None, item=item)
    if request.method == "POST" and form.is_valid():
        try:
            grant = exchange_services.grant_request(
                consumer=request.user.department, item_code=item.code, fields=form.cleaned_data["fields"],
                purpose=form.cleaned_data["purpose"], legal_basis=form.cleaned_data["legal_basis"],
                requested_by=request.user,
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("申请已提交，当前状态：%(status)s") % {"status": grant.get_status_display()})
            return redirect("workbench:grant_list")
    return render(request, "workbench/grant_new.html", {"item": item, "form": form})


@officer_required
@require_POST
def grant_decide(request, grant_id: int):
    form = DecisionForm(request.POST)
    form.is_valid()
    try:
        exchange_services.grant_decide(
            grant_id=grant_id, decided_by=request.user, approve=request.POST.get("decision") == "approve",
            reason=form.cleaned_data.get("reason", ""),
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("审核结果已保存。"))
    return redirect("workbench:grant_list")


@officer_required
@require_POST
def grant_revoke(request, grant_id: int):
    try:
        exchange_services.grant_revoke(grant_id=grant_id, revoked_by=request.user,
                                       reason=request.POST.get("reason", "").strip())
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("授权已撤销。"))
    return redirect("workbench:grant_list")

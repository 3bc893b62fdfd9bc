"""Workbench: data-error reports (数据纠错) — consumer staff report, the owner's data officer resolves."""

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
from onevisit.exchange import corrections
from onevisit.exchange import selectors as exchange_selectors
from onevisit.workbench.errors import render_domain_error


class StaffErrorReportForm(forms.Form):
    subject = forms.CharField(label=gettext_lazy("数据主体（身份证号或统一社会信用代码）"), max_length=32)
    field = forms.ChoiceField(label=gettext_lazy("字段"))
    reported_value = forms.CharField(label=gettext_lazy("显示的值"), required=False, max_length=500)
    proposed_value = forms.CharField(label=gettext_lazy("正确的值"), max_length=500)
    explanation = forms.CharField(label=gettext_lazy("说明（依据、材料）"), widget=forms.Textarea(attrs={"rows": 3}))
    reference = forms.CharField(label=gettext_lazy("办件编号"), required=False, max_length=64)

    def __init__(self, *args, item, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["field"].choices = [(f.name, f"{f.label}（{f.name}）") for f in item.fields.all()]


@officer_required
@require_http_methods(["GET", "POST"])
def correction_new(request, code: str):
    """报告数据错误, from a catalogue item's page."""
    try:
        item = exchange_selectors.catalogue_item_get(code=code)
    except DomainError as exc:
        return render_domain_error(request, exc)
    form = StaffErrorReportForm(request.POST or None, item=item)
    if request.method == "POST" and form.is_valid():
        try:
            report = corrections.data_error_report(reporter=request.user, item_code=item.code, **form.cleaned_data)
        except DomainError as exc:
            for detail in exc.details if isinstance(exc.details, list) else []:
                if detail.get("field") in form.fields:
                    form.add_error(detail["field"], detail["message"])
                    break
            else:
                form.add_error(None, exc.message)
        else:
            messages.success(request, _("数据纠错已提交数源部门，办理期限 %(due)s。")
                             % {"due": report.due_on.isoformat()})
            return redirect("workbench:catalogue_detail", code=item.code)
    return render(request, "workbench/correction_new.html", {"item": item, "form": form})


@officer_required
def correction_list(request):
    """The owner department's queue of open reports, for its data officer; and the figures."""
    department = request.user.department
    is_data_officer = StaffRole.DATA_OFFICER in staff_roles(user=request.user)
    context = {
        "reports": corrections.data_error_reports_open(department=department)[:200]
        if department and is_data_officer else [],
        "is_data_officer": is_data_officer,
        "figures": [f for f in corrections.data_quality_figures() if department and f["department"] == department],
    }
    return render(request, "workbench/correction_list.html", context)


@officer_required
@require_POST
def correction_correct(request, report_id: int):
    try:
        report = corrections.data_error_correct(report_id=report_id, resolved_by=request.user,
                                                note=request.POST.get("note", "").strip())
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("已在数源系统中更正，记录版本 %(version)s。") % {"version": report.new_version})
    return redirect("workbench:correction_list")


@officer_required
@require_POST
def correction_reject(request, report_id: int):
    try:
        corrections.data_error_reject(report_id=report_id, resolved_by=request.user,
                                      reason=request.POST.get("reason", ""))
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("已驳回，并通知报告人。"))
    return redirect("workbench:correction_list")

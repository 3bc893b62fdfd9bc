"""Portal: a citizen reports a wrong value in their own data (数据纠错) and follows it up."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from onevisit.accounts.decorators import citizen_required
from onevisit.core.errors import DomainError
from onevisit.exchange import corrections
from onevisit.exchange import selectors as exchange_selectors
from onevisit.registries.contract import SubjectType


class CitizenErrorReportForm(forms.Form):
    item_code = forms.ChoiceField(label=gettext_lazy("数据项"))
    field = forms.ChoiceField(label=gettext_lazy("有误的字段"))
    reported_value = forms.CharField(label=gettext_lazy("显示的（错误的）值"), required=False, max_length=500)
    proposed_value = forms.CharField(label=gettext_lazy("正确的值"), max_length=500)
    explanation = forms.CharField(label=gettext_lazy("说明（依据的证件或材料）"),
                                  widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item_code"].choices = [(item.code, f"{item.name}（{item.code}）") for item in items]
        self.fields["field"].choices = [
            (item.name, [(f.name, f"{f.label}（{f.name}）") for f in item.fields.all()]) for item in items
        ]


@citizen_required
@require_http_methods(["GET", "POST"])
def data_error_new(request):
    """报告我的数据错误: about the citizen themselves, on any person item of the catalogue."""
    items = list(exchange_selectors.catalogue_items_list().filter(subject_type=SubjectType.PERSON))
    form = CitizenErrorReportForm(request.POST or None, items=items)
    if request.method == "POST" and form.is_valid():
        try:
            report = corrections.data_error_report(reporter=request.user, subject=request.user.id_number,
                                                   **form.cleaned_data)
        except DomainError as exc:
            for detail in exc.details if isinstance(exc.details, list) else []:
                if detail.get("field") in form.fields:
                    form.add_error(detail["field"], detail["message"])
                    break
            else:
                form.add_error(None, exc.message)
        else:
            messages.success(request, _("已提交数源部门核实，办理期限 %(due)s，结果将通过站内消息通知您。")
                             % {"due": report.due_on.isoformat()})
            return redirect("portal:data_error_new")
    reports = corrections.data_error_reports_by(reporter=request.user)[:50]
    return render(request, "portal/data_error_new.html", {"form": form, "reports": reports})

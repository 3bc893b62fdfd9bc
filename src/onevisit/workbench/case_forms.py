"""Forms of the case page: one per action. Each carries the version the officer saw (the
service refuses it if the case moved) and a request key made when the page was rendered, so a
double submit acts once. The forms only read input; the services decide."""

from __future__ import annotations

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from onevisit.cases.models import Delivery

REASON_MAX = 2000
DECISIONS = [("approved", _("准予")), ("rejected", _("不予"))]
SUPPLEMENT_ROWS = 5  # blank item rows without JavaScript; the script adds more


def new_request_key() -> str:
    return uuid.uuid4().hex


class ActionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    request_key = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args, case=None, **kwargs):
        kwargs.setdefault("initial", {})
        if case is not None:
            kwargs["initial"].setdefault("version", case.version)
        kwargs["initial"].setdefault("request_key", new_request_key())
        self.case = case
        super().__init__(*args, **kwargs)

    def service_kwargs(self) -> dict:
        """Keyword arguments for the service beyond case and actor."""
        data = dict(self.cleaned_data)
        return {"version": data.pop("version"), "request_key": data.pop("request_key"), **data}


def _reason(label, required: bool = True) -> forms.CharField:
    return forms.CharField(label=label, required=required, max_length=REASON_MAX,
                           widget=forms.Textarea(attrs={"rows": 3}))


class ClaimForm(ActionForm):
    pass


class ReleaseForm(ActionForm):
    pass


class AcceptForm(ActionForm):
    pass


class DecisionForm(ActionForm):
    """A decision with its delivery method, defaulting to the first one the matter offers."""

    def __init__(self, *args, case=None, **kwargs):
        offered = [d for d in (case.matter.delivery or []) if d in Delivery.values] if case is not None else []
        kwargs.setdefault("initial", {}).setdefault("delivery", offered[0] if offered else Delivery.ELECTRONIC)
        super().__init__(*args, case=case, **kwargs)


class ImmediateAcceptForm(DecisionForm):
    """即办件: accepted and decided in one step."""

    decision = forms.ChoiceField(label=_("决定"), widget=forms.RadioSelect,
                                 choices=[("approved", _("受理并准予")), ("rejected", _("受理并不予"))])
    reason = _reason(_("理由（不予时必填）"), required=False)
    delivery = forms.ChoiceField(label=_("送达方式"), choices=Delivery.choices)


class NotAcceptForm(ActionForm):
    reason = _reason(_("不予受理的理由"))


class CompleteTaskForm(ActionForm):
    opinion = _reason(_("办理意见"), required=False)


class DecideForm(DecisionForm):
    decision = forms.ChoiceField(label=_("决定"), choices=DECISIONS, widget=forms.RadioSelect)
    reason = _reason(_("理由（不予时必填）"), required=False)
    delivery = forms.ChoiceField(label=_("送达方式"), choices=Delivery.choices)


class SupplementForm(ActionForm):
    note = _reason(_("说明（可选）"), required=False)


class SupplementItemForm(forms.Form):
    name = forms.CharField(label=_("材料名称"), max_length=200, required=False)
    reason = forms.CharField(label=_("需要补正的原因"), max_length=500, required=False)


SupplementItemFormSet = forms.formset_factory(SupplementItemForm, extra=SUPPLEMENT_ROWS, max_num=30,
                                              absolute_max=30, validate_max=True)


def supplement_items(formset) -> list[dict[str, str]]:
    """The filled rows (blank rows are ignored; the service wants at least one)."""
    return [{"name": f.cleaned_data.get("name", ""), "reason": f.cleaned_data.get("reason", "")}
            for f in formset.forms if f.cleaned_data.get("name") or f.cleaned_data.get("reason")]


class SuspendForm(ActionForm):
    reason = _reason(_("中止的理由"))


class ResumeForm(ActionForm):
    reason = _reason(_("说明（可选）"), required=False)


class ExtendForm(ActionForm):
    days = forms.IntegerField(label=_("延长工作日"), min_value=1, max_value=30)
    reason = _reason(_("延期的理由"))


class TransferForm(ActionForm):
    """One list of targets: officers of this department, then departments of the same sector."""

    to = forms.ChoiceField(label=_("转交给"))
    reason = _reason(_("转交的理由"))

    def __init__(self, *args, officers=(), departments=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.targets = {f"user:{u.pk}": ("to_user", u) for u in officers}
        self.targets |= {f"dept:{d.pk}": ("to_department", d) for d in departments}
        self.fields["to"].choices = [
            ("", _("请选择")),
            (_("本部门经办人"), [(f"user:{u.pk}", u.full_name or u.username) for u in officers]),
            (_("同条线其他部门"), [(f"dept:{d.pk}", d.name) for d in departments]),
        ]

    def service_kwargs(self) -> dict:
        kwargs = super().service_kwargs()
        name, target = self.targets[kwargs.pop("to")]
        return {**kwargs, name: target}

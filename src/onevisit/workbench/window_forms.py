"""Forms of the one window (一窗受理). They only shape input; the rules live in
``applications.services.window`` (the ID number is checked there, by core.identifiers)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from onevisit.applications.models import VisitPurpose


class VisitorSearchForm(forms.Form):
    id_number = forms.CharField(label=_("身份证号码"), max_length=32,
                                widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "text",
                                                              "autofocus": True}))


class VisitorRegisterForm(forms.Form):
    id_number = forms.CharField(label=_("身份证号码"), max_length=32, widget=forms.HiddenInput)
    full_name = forms.CharField(label=_("姓名（与身份证一致）"), max_length=64)
    phone = forms.CharField(label=_("手机号码"), max_length=20, required=False,
                            widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}))


class StartForm(forms.Form):
    kind = forms.ChoiceField(label=_("类型"), choices=[("bundle", _("一件事")), ("matter", _("事项"))])
    code = forms.CharField(label=_("编码"), max_length=32, help_text=_("例如 DEMO-B02（新生儿出生一件事）"))
    enterprise_uscc = forms.CharField(label=_("代办企业统一社会信用代码（可选）"), max_length=32, required=False)


class VisitForm(forms.Form):
    purpose = forms.ChoiceField(label=_("到访事由"), choices=VisitPurpose.choices)
    note = forms.CharField(label=_("备注"), max_length=1000, required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))

from django import forms
from django.utils.translation import gettext_lazy as _

from onevisit.core.errors import ValidationFailed
from onevisit.core.identifiers import normalize_resident_id


class CitizenLoginForm(forms.Form):
    id_number = forms.CharField(
        label=_("身份证号码"), max_length=18, min_length=18,
        widget=forms.TextInput(attrs={"autocomplete": "username", "inputmode": "text", "autocapitalize": "characters"}),
    )
    password = forms.CharField(label=_("密码"), widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))

    def clean_id_number(self) -> str:
        try:
            return normalize_resident_id(self.cleaned_data["id_number"])
        except ValidationFailed as exc:
            raise forms.ValidationError(exc.details[0]["message"]) from None


class OneTimeCodeForm(forms.Form):
    code = forms.RegexField(
        label=_("短信验证码"), regex=r"^\s*\d{6}\s*$",
        error_messages={"invalid": _("请输入6位数字验证码")},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "maxlength": "6"}),
    )


class StaffLoginForm(forms.Form):
    username = forms.CharField(label=_("用户名"), max_length=64,
                               widget=forms.TextInput(attrs={"autocomplete": "username"}))
    password = forms.CharField(label=_("密码"), widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))


class TotpForm(forms.Form):
    code = forms.RegexField(
        label=_("动态口令"), regex=r"^\s*\d{6}\s*$",
        error_messages={"invalid": _("请输入6位数字动态口令")},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "maxlength": "6"}),
    )

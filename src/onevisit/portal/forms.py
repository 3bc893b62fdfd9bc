from django import forms
from django.utils.translation import gettext_lazy as _


class DataUsageFilterForm(forms.Form):
    """Filters on "My data usage": whose data (me or an enterprise I act for), dates, department."""

    subject = forms.ChoiceField(label=_("数据主体"), required=False)
    since = forms.DateField(label=_("开始日期"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=_("结束日期"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    department = forms.ChoiceField(label=_("使用部门"), required=False)

    def __init__(self, *args, subjects: list[tuple[str, str]], departments: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["subject"].choices = subjects
        self.fields["department"].choices = [("", _("全部部门"))] + departments

    def clean(self):
        cleaned = super().clean()
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and since > until:
            self.add_error("until", _("结束日期不能早于开始日期"))
        return cleaned

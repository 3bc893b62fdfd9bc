"""Forms of the verifier pages (public and workbench)."""

from django import forms
from django.utils.translation import gettext_lazy as _

MAX_PRESENTATION = 20_000


class PresentationForm(forms.Form):
    presentation = forms.CharField(
        label=_("证照出示内容"), max_length=MAX_PRESENTATION, strip=True,
        widget=forms.Textarea(attrs={"rows": 5, "autocomplete": "off", "spellcheck": "false",
                                     "class": "mono", "data-testid": "presentation-input"}),
        help_text=_("粘贴持证人出示的文本，或扫描其二维码后粘贴。"),
    )


class VerifierRequestForm(forms.Form):
    verifier_name = forms.CharField(label=_("核验方名称"), max_length=200, required=False,
                                    help_text=_("持证人出示时会看到，例如“西湖区市场监管所窗口”。"))
    purpose = forms.CharField(label=_("核验用途"), max_length=200, required=False)

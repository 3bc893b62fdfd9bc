"""Province-wide reference tables the matters point at: e-certificate types and form fields."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from onevisit.accounts.models import Sector


class CertificateType(models.Model):
    """An electronic certificate type (电子证照类型), e.g. 出生医学证明, with its face fields.

    ``fields`` is a list of ``{"name": ..., "label": ...}``: the data a certificate of this type
    carries (GB/T 36903 metadata come on top of these).
    """

    code = models.CharField(_("证照类型编码"), max_length=64, unique=True)
    name = models.CharField(_("名称"), max_length=128)
    name_en = models.CharField(_("英文名称"), max_length=200, blank=True)
    issuing_sector = models.CharField(_("发证部门条线"), max_length=8, choices=Sector.choices)
    fields = models.JSONField(_("证面字段"), default=list)

    class Meta:
        verbose_name = _("电子证照类型")
        verbose_name_plural = _("电子证照类型")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class FormField(models.Model):
    """A field of the province-wide form dictionary (表单字段): asked once, reused by every matter.

    ``schema`` is a JSON-Schema fragment: ``type`` and optionally ``format``, ``enum``,
    ``pattern``, ``maxLength``.
    """

    key = models.CharField(_("字段键"), max_length=64, unique=True)
    label = models.CharField(_("中文名称"), max_length=128)
    label_en = models.CharField(_("英文名称"), max_length=200, blank=True)
    schema = models.JSONField(_("取值规则"), default=dict)
    help_text = models.CharField(_("填写说明"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("表单字段")
        verbose_name_plural = _("表单字段")
        ordering = ["key"]

    def __str__(self) -> str:
        return f"{self.key} {self.label}"

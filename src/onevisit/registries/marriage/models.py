"""Marriage registry (婚姻登记库, civil affairs): one row per marriage registration."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from onevisit.registries.base import RegistryRecord, SyntheticLoadBase


class MarriageStatus(models.TextChoices):
    MARRIED = "married", _("已婚")
    DIVORCED = "divorced", _("离婚")
    CANCELLED = "cancelled", pgettext_lazy("marriage status", "撤销")


class MarriageRecord(RegistryRecord):
    certificate_number = models.CharField(_("结婚证字号"), max_length=32, unique=True)
    husband_id_number = models.CharField(_("男方身份号码"), max_length=18, db_index=True)
    husband_name = models.CharField(_("男方姓名"), max_length=64)
    wife_id_number = models.CharField(_("女方身份号码"), max_length=18, db_index=True)
    wife_name = models.CharField(_("女方姓名"), max_length=64)
    registered_on = models.DateField(_("登记日期"))
    office = models.CharField(_("登记机关"), max_length=128)
    status = models.CharField(_("状态"), max_length=16, choices=MarriageStatus.choices, default=MarriageStatus.MARRIED)
    dissolved_on = models.DateField(_("解除日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("婚姻登记")
        verbose_name_plural = _("婚姻登记")

    def __str__(self) -> str:
        return self.certificate_number


class SyntheticLoad(SyntheticLoadBase):
    pass

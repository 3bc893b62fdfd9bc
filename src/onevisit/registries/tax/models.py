"""Tax administration registry (税务登记库, tax): taxpayer registrations and credit grades."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from onevisit.registries.base import RegistryRecord, SyntheticLoadBase


class TaxpayerStatus(models.TextChoices):
    NORMAL = "normal", _("正常")
    IRREGULAR = "irregular", _("非正常户")
    DEREGISTERED = "deregistered", _("注销")


class TaxRegistration(RegistryRecord):
    uscc = models.CharField(_("纳税人识别号"), max_length=18, unique=True)
    taxpayer_name = models.CharField(_("纳税人名称"), max_length=200)
    tax_types = models.CharField(_("税种"), max_length=200, help_text=_("以逗号分隔"))
    registered_on = models.DateField(_("登记日期"))
    tax_authority = models.CharField(_("主管税务机关"), max_length=128)
    status = models.CharField(_("纳税人状态"), max_length=16, choices=TaxpayerStatus.choices)

    class Meta:
        verbose_name = _("税务登记")
        verbose_name_plural = _("税务登记")


class CreditGrade(models.TextChoices):
    A = "A", "A"
    B = "B", "B"
    M = "M", "M"
    C = "C", "C"
    D = "D", "D"


class TaxCreditRating(RegistryRecord):
    uscc = models.CharField(_("纳税人识别号"), max_length=18, db_index=True)
    year = models.PositiveSmallIntegerField(_("评价年度"))
    grade = models.CharField(_("纳税信用级别"), max_length=1, choices=CreditGrade.choices)

    class Meta:
        verbose_name = _("纳税信用等级")
        verbose_name_plural = _("纳税信用等级")
        constraints = [models.UniqueConstraint(fields=["uscc", "year"], name="one_tax_grade_per_year")]


class SyntheticLoad(SyntheticLoadBase):
    pass

"""Social insurance registry (社会保险库, HRSS): employer accounts, insured persons, employment."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from onevisit.registries.base import RegistryRecord, SyntheticLoadBase


class Employer(RegistryRecord):
    uscc = models.CharField(_("统一社会信用代码"), max_length=18, unique=True)
    name = models.CharField(_("单位名称"), max_length=200)
    division_code = models.CharField(_("参保地区划代码"), max_length=6)
    registered_on = models.DateField(_("参保登记日期"))

    class Meta:
        verbose_name = _("参保单位")
        verbose_name_plural = _("参保单位")

    def __str__(self) -> str:
        return self.name


class InsuredStatus(models.TextChoices):
    ACTIVE = "active", _("正常参保")
    SUSPENDED = "suspended", _("暂停缴费")
    RETIRED = "retired", _("退休")


class InsuredPerson(RegistryRecord):
    id_number = models.CharField(_("公民身份号码"), max_length=18, unique=True)
    name = models.CharField(_("姓名"), max_length=64)
    employer = models.ForeignKey(Employer, verbose_name=_("参保单位"), to_field="uscc", null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="insured")
    started_on = models.DateField(_("首次参保日期"))
    contribution_base = models.DecimalField(_("缴费基数（元/月）"), max_digits=10, decimal_places=2)
    status = models.CharField(_("参保状态"), max_length=16, choices=InsuredStatus.choices)

    class Meta:
        verbose_name = _("参保人员")
        verbose_name_plural = _("参保人员")


class EmploymentRecord(RegistryRecord):
    id_number = models.CharField(_("公民身份号码"), max_length=18, db_index=True)
    employer = models.ForeignKey(Employer, verbose_name=_("用人单位"), to_field="uscc", on_delete=models.PROTECT,
                                 related_name="employments")
    position = models.CharField(_("岗位"), max_length=64)
    started_on = models.DateField(_("用工起始日期"))
    ended_on = models.DateField(_("用工终止日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("就业登记")
        verbose_name_plural = _("就业登记")


class SyntheticLoad(SyntheticLoadBase):
    pass

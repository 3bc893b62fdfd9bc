"""Medical insurance registry (医保库, medical insurance bureau): one enrolment per person."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from onevisit.registries.base import RegistryRecord, SyntheticLoadBase


class InsuranceType(models.TextChoices):
    EMPLOYEE = "employee", _("职工基本医疗保险")
    RESIDENT = "resident", _("城乡居民基本医疗保险")


class MedicalEnrolment(RegistryRecord):
    id_number = models.CharField(_("公民身份号码"), max_length=18, unique=True)
    name = models.CharField(_("姓名"), max_length=64)
    insurance_type = models.CharField(_("险种"), max_length=16, choices=InsuranceType.choices)
    unit_uscc = models.CharField(_("参保单位代码"), max_length=18, blank=True)
    unit_name = models.CharField(_("参保单位"), max_length=200, blank=True)
    enrolled_on = models.DateField(_("参保日期"))
    contribution_years = models.PositiveSmallIntegerField(_("累计缴费年限"))
    status = models.CharField(_("参保状态"), max_length=16, default="active")

    class Meta:
        verbose_name = _("医保参保")
        verbose_name_plural = _("医保参保")


class SyntheticLoad(SyntheticLoadBase):
    pass

"""Health information (卫生健康库, health commission): birth medical certificates and vaccinations."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from onevisit.registries.base import RegistryRecord, SyntheticLoadBase


class BirthMedicalCertificate(RegistryRecord):
    certificate_number = models.CharField(_("出生医学证明编号"), max_length=16, unique=True)
    child_name = models.CharField(_("新生儿姓名"), max_length=64)
    child_id_number = models.CharField(_("新生儿身份号码"), max_length=18, db_index=True, blank=True)
    sex = models.CharField(_("性别"), max_length=1)
    born_at = models.DateTimeField(_("出生时间"))
    weight_grams = models.PositiveSmallIntegerField(_("出生体重（克）"))
    hospital = models.CharField(_("接生机构"), max_length=128)
    mother_id_number = models.CharField(_("母亲身份号码"), max_length=18, db_index=True)
    mother_name = models.CharField(_("母亲姓名"), max_length=64)
    father_id_number = models.CharField(_("父亲身份号码"), max_length=18, db_index=True, blank=True)
    father_name = models.CharField(_("父亲姓名"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("出生医学证明")
        verbose_name_plural = _("出生医学证明")


class Vaccination(RegistryRecord):
    child_id_number = models.CharField(_("受种者身份号码"), max_length=18, db_index=True)
    vaccine = models.CharField(_("疫苗"), max_length=64)
    dose = models.PositiveSmallIntegerField(_("剂次"))
    administered_on = models.DateField(_("接种日期"))
    clinic = models.CharField(_("接种单位"), max_length=128)

    class Meta:
        verbose_name = _("预防接种")
        verbose_name_plural = _("预防接种")


class SyntheticLoad(SyntheticLoadBase):
    pass

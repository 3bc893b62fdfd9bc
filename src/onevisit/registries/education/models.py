"""Education registry (教育库, education): school enrolments and diplomas."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from onevisit.registries.base import RegistryRecord, SyntheticLoadBase


class SchoolEnrolment(RegistryRecord):
    id_number = models.CharField(_("公民身份号码"), max_length=18, db_index=True)
    name = models.CharField(_("姓名"), max_length=64)
    school = models.CharField(_("学校"), max_length=128)
    level = models.CharField(_("学段"), max_length=16)
    grade = models.PositiveSmallIntegerField(_("年级"))
    enrolled_on = models.DateField(_("入学日期"))
    status = models.CharField(_("学籍状态"), max_length=16, default="在读")

    class Meta:
        verbose_name = _("学籍")
        verbose_name_plural = _("学籍")


class Diploma(RegistryRecord):
    certificate_number = models.CharField(_("证书编号"), max_length=18, unique=True)
    id_number = models.CharField(_("公民身份号码"), max_length=18, db_index=True)
    name = models.CharField(_("姓名"), max_length=64)
    school = models.CharField(_("学校"), max_length=128)
    level = models.CharField(_("层次"), max_length=16)
    major = models.CharField(_("专业"), max_length=64)
    graduated_on = models.DateField(_("毕业日期"))

    class Meta:
        verbose_name = _("学历证书")
        verbose_name_plural = _("学历证书")


class SyntheticLoad(SyntheticLoadBase):
    pass

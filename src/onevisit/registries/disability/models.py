"""Disabled persons' basic database (残疾人库, disabled persons' federation): certificates."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from onevisit.registries.base import RegistryRecord, SyntheticLoadBase


class DisabilityCategory(models.TextChoices):
    VISUAL = "1", _("视力残疾")
    HEARING = "2", _("听力残疾")
    SPEECH = "3", _("言语残疾")
    PHYSICAL = "4", _("肢体残疾")
    INTELLECTUAL = "5", _("智力残疾")
    MENTAL = "6", _("精神残疾")
    MULTIPLE = "7", _("多重残疾")


class DisabilityCertificate(RegistryRecord):
    certificate_number = models.CharField(_("残疾人证号"), max_length=20, unique=True)
    id_number = models.CharField(_("公民身份号码"), max_length=18, unique=True)
    name = models.CharField(_("姓名"), max_length=64)
    category = models.CharField(_("残疾类别"), max_length=1, choices=DisabilityCategory.choices)
    grade = models.PositiveSmallIntegerField(_("残疾等级"))
    issued_on = models.DateField(_("发证日期"))
    valid_until = models.DateField(_("有效期至"))
    guardian_name = models.CharField(_("监护人"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("残疾人证")
        verbose_name_plural = _("残疾人证")


class SyntheticLoad(SyntheticLoadBase):
    pass

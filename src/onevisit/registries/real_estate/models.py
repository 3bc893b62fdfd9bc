"""Real-estate register (不动产登记库, natural resources): units, owners and mortgages."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from onevisit.registries.base import RegistryRecord, SyntheticLoadBase


class PropertyUse(models.TextChoices):
    RESIDENTIAL = "residential", _("住宅")
    COMMERCIAL = "commercial", _("商业")
    OFFICE = "office", _("办公")


class Property(RegistryRecord):
    unit_number = models.CharField(_("不动产单元号"), max_length=28, unique=True)
    certificate_number = models.CharField(_("不动产权证书号"), max_length=64, unique=True)
    address = models.CharField(_("坐落"), max_length=255)
    division_code = models.CharField(_("区划代码"), max_length=6)
    area = models.DecimalField(_("建筑面积（平方米）"), max_digits=9, decimal_places=2)
    use = models.CharField(_("用途"), max_length=16, choices=PropertyUse.choices)
    right_type = models.CharField(_("权利类型"), max_length=64, default="国有建设用地使用权/房屋所有权")
    registered_on = models.DateField(_("登记日期"))
    mortgaged = models.BooleanField(_("抵押"), default=False)

    class Meta:
        verbose_name = _("不动产单元")
        verbose_name_plural = _("不动产单元")

    def __str__(self) -> str:
        return self.unit_number


class Ownership(RegistryRecord):
    property = models.ForeignKey(Property, verbose_name=_("不动产单元"), to_field="unit_number",
                                 on_delete=models.CASCADE, related_name="owners")
    owner_id_number = models.CharField(_("权利人身份号码"), max_length=18, db_index=True)
    owner_name = models.CharField(_("权利人"), max_length=64)
    share_percent = models.DecimalField(_("份额（%）"), max_digits=5, decimal_places=2)

    class Meta:
        verbose_name = _("权利人")
        verbose_name_plural = _("权利人")


class SyntheticLoad(SyntheticLoadBase):
    pass

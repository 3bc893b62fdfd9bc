"""Market-entity registry (市场主体库, market regulation): enterprises and their shareholders."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from onevisit.registries.base import RegistryRecord, SyntheticLoadBase


class EnterpriseStatus(models.TextChoices):
    ACTIVE = "active", _("存续")
    ABNORMAL = "abnormal", _("列入经营异常名录")
    DEREGISTERED = "deregistered", _("注销")


class Enterprise(RegistryRecord):
    uscc = models.CharField(_("统一社会信用代码"), max_length=18, unique=True)
    name = models.CharField(_("名称"), max_length=200)
    entity_type = models.CharField(_("类型"), max_length=64)
    legal_rep_id_number = models.CharField(_("法定代表人身份号码"), max_length=18, db_index=True)
    legal_rep_name = models.CharField(_("法定代表人"), max_length=64)
    registered_capital = models.DecimalField(_("注册资本（万元）"), max_digits=14, decimal_places=2)
    founded_on = models.DateField(_("成立日期"))
    address = models.CharField(_("住所"), max_length=255)
    division_code = models.CharField(_("登记机关区划代码"), max_length=6)
    business_scope = models.TextField(_("经营范围"))
    status = models.CharField(_("登记状态"), max_length=16, choices=EnterpriseStatus.choices)

    class Meta:
        verbose_name = _("市场主体")
        verbose_name_plural = _("市场主体")

    def __str__(self) -> str:
        return self.name


class Shareholder(RegistryRecord):
    enterprise = models.ForeignKey(Enterprise, verbose_name=_("企业"), to_field="uscc", on_delete=models.CASCADE,
                                   related_name="shareholders")
    name = models.CharField(_("股东名称"), max_length=200)
    id_number = models.CharField(_("股东身份号码"), max_length=18, db_index=True)
    contribution = models.DecimalField(_("认缴出资（万元）"), max_digits=14, decimal_places=2)
    share_percent = models.DecimalField(_("出资比例（%）"), max_digits=5, decimal_places=2)

    class Meta:
        verbose_name = _("股东")
        verbose_name_plural = _("股东")


class SyntheticLoad(SyntheticLoadBase):
    pass

"""Housing provident fund (住房公积金库): personal accounts."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from onevisit.registries.base import RegistryRecord, SyntheticLoadBase


class AccountStatus(models.TextChoices):
    ACTIVE = "active", _("正常")
    FROZEN = "frozen", _("封存")


class FundAccount(RegistryRecord):
    account_number = models.CharField(_("个人账号"), max_length=20, unique=True)
    id_number = models.CharField(_("公民身份号码"), max_length=18, unique=True)
    name = models.CharField(_("姓名"), max_length=64)
    employer_uscc = models.CharField(_("单位代码"), max_length=18, db_index=True)
    employer_name = models.CharField(_("单位名称"), max_length=200)
    balance = models.DecimalField(_("账户余额（元）"), max_digits=12, decimal_places=2)
    monthly_deposit = models.DecimalField(_("月缴存额（元）"), max_digits=10, decimal_places=2)
    opened_on = models.DateField(_("开户日期"))
    status = models.CharField(_("账户状态"), max_length=16, choices=AccountStatus.choices)

    class Meta:
        verbose_name = _("公积金个人账户")
        verbose_name_plural = _("公积金个人账户")


class SyntheticLoad(SyntheticLoadBase):
    pass

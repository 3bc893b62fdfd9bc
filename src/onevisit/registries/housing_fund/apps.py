from django.utils.translation import gettext_lazy as _

from onevisit.registries.apps import RegistryConfig


class HousingFundConfig(RegistryConfig):
    default = True
    name = "onevisit.registries.housing_fund"
    label = "registry_housing_fund"
    registry_code = "housing_fund"
    verbose_name = _("住房公积金库（公积金中心）")

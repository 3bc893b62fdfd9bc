from django.utils.translation import gettext_lazy as _

from onevisit.registries.apps import RegistryConfig


class RealEstateConfig(RegistryConfig):
    default = True
    name = "onevisit.registries.real_estate"
    label = "registry_real_estate"
    registry_code = "real_estate"
    verbose_name = _("不动产登记库（自然资源）")

from django.utils.translation import gettext_lazy as _

from onevisit.registries.apps import RegistryConfig


class DisabilityConfig(RegistryConfig):
    default = True
    name = "onevisit.registries.disability"
    label = "registry_disability"
    registry_code = "disability"
    verbose_name = _("残疾人库（残联）")

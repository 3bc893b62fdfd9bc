from django.utils.translation import gettext_lazy as _

from onevisit.registries.apps import RegistryConfig


class TaxConfig(RegistryConfig):
    default = True
    name = "onevisit.registries.tax"
    label = "registry_tax"
    registry_code = "tax"
    verbose_name = _("税务登记库（税务）")

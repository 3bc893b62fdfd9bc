from django.utils.translation import gettext_lazy as _

from onevisit.registries.apps import RegistryConfig


class PopulationConfig(RegistryConfig):
    default = True
    name = "onevisit.registries.population"
    label = "registry_population"
    registry_code = "population"
    verbose_name = _("人口库（公安）")

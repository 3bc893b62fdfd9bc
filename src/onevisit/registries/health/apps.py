from django.utils.translation import gettext_lazy as _

from onevisit.registries.apps import RegistryConfig


class HealthConfig(RegistryConfig):
    default = True
    name = "onevisit.registries.health"
    label = "registry_health"
    registry_code = "health"
    verbose_name = _("卫生健康库（卫健）")

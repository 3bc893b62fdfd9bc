from django.utils.translation import gettext_lazy as _

from onevisit.registries.apps import RegistryConfig


class EnterpriseConfig(RegistryConfig):
    default = True
    name = "onevisit.registries.enterprise"
    label = "registry_enterprise"
    registry_code = "enterprise"
    verbose_name = _("市场主体库（市场监管）")

from django.utils.translation import gettext_lazy as _

from onevisit.registries.apps import RegistryConfig


class MarriageConfig(RegistryConfig):
    default = True
    name = "onevisit.registries.marriage"
    label = "registry_marriage"
    registry_code = "marriage"
    verbose_name = _("婚姻登记库（民政）")

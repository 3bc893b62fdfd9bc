from django.utils.translation import gettext_lazy as _

from onevisit.registries.apps import RegistryConfig


class EducationConfig(RegistryConfig):
    default = True
    name = "onevisit.registries.education"
    label = "registry_education"
    registry_code = "education"
    verbose_name = _("教育库（教育）")

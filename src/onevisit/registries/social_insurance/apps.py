from django.utils.translation import gettext_lazy as _

from onevisit.registries.apps import RegistryConfig


class SocialInsuranceConfig(RegistryConfig):
    default = True
    name = "onevisit.registries.social_insurance"
    label = "registry_social_insurance"
    registry_code = "social_insurance"
    verbose_name = _("社会保险库（人社）")

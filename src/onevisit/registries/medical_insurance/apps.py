from django.utils.translation import gettext_lazy as _

from onevisit.registries.apps import RegistryConfig


class MedicalInsuranceConfig(RegistryConfig):
    default = True
    name = "onevisit.registries.medical_insurance"
    label = "registry_medical_insurance"
    registry_code = "medical_insurance"
    verbose_name = _("医疗保障库（医保）")

from onevisit.catalogue.models.bundles import Bundle, BundleAudience, BundleComponent
from onevisit.catalogue.models.matters import (
    ApplicantType,
    CaseType,
    Delivery,
    Material,
    MaterialSource,
    Matter,
    MatterType,
    Provider,
)
from onevisit.catalogue.models.reference import CertificateType, FormField

__all__ = [
    "ApplicantType", "Bundle", "BundleAudience", "BundleComponent", "CaseType", "CertificateType", "Delivery",
    "FormField", "Material", "MaterialSource", "Matter", "MatterType", "Provider",
]

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "onevisit.certificates"
    label = "certificates"
    verbose_name = _("电子证照")

    def ready(self) -> None:
        from onevisit.certificates import receivers, seed, tasks  # noqa: F401  (receiver, task registered)
        from onevisit.core import seeding

        seeding.register("certificates.grants", seed.seed_wallet_grants,
                         after=["exchange.catalogue", "accounts.staff", "applications.grants"])
        seeding.register("certificates.wallets", seed.seed_wallets,
                         after=["certificates.grants", "accounts.enterprises", "registries.population"])

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "onevisit.cases"
    label = "cases"
    verbose_name = _("办件")

    def ready(self) -> None:
        from onevisit.cases import seed, tasks  # noqa: F401  (the job is registered on import)
        from onevisit.core import seeding

        seeding.register("cases.in_flight", seed.seed_cases,
                         after=["applications.grants", "accounts.citizens", "registries.population",
                                "certificates.grants"])

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApplicationsConfig(AppConfig):
    name = "onevisit.applications"
    label = "applications"
    verbose_name = _("办件申请")

    def ready(self) -> None:
        from onevisit.applications import seed
        from onevisit.core import seeding

        seeding.register("applications.grants", seed.seed_grants,
                         after=["catalogue.matters", "exchange.catalogue", "accounts.staff"])

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogueConfig(AppConfig):
    name = "onevisit.catalogue"
    label = "catalogue"
    verbose_name = _("服务目录")

    def ready(self) -> None:
        from onevisit.catalogue import seed
        from onevisit.core import seeding

        seeding.register("catalogue.matters", seed.seed_catalogue, after=["exchange.catalogue", "accounts.departments"])

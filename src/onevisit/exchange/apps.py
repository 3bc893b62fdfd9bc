from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    name = "onevisit.exchange"
    label = "exchange"
    verbose_name = _("公共数据平台")

    def ready(self) -> None:
        from onevisit.core import seeding
        from onevisit.exchange import caching, seed

        caching.connect_signals()

        seeding.register("exchange.catalogue", seed.seed_catalogue, after=["accounts.departments"])
        seeding.register("exchange.grants", seed.seed_grants, after=["exchange.catalogue", "accounts.staff"])

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "onevisit.core"
    label = "core"
    verbose_name = _("基础")

    def ready(self) -> None:
        from onevisit.core import seeding
        from onevisit.core.regions import regions_load

        seeding.register("core.regions", lambda ctx: ctx.stdout(f"regions: {regions_load()} divisions"))

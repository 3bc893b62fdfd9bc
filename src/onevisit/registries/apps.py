from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistriesConfig(AppConfig):
    """The registries as a whole: the synthetic population seed and `migrate_all`."""

    default = True
    name = "onevisit.registries"
    label = "registries"
    verbose_name = _("部门参考库")

    def ready(self) -> None:
        from onevisit.core import seeding
        from onevisit.registries import loading

        seeding.register("registries.population", loading.seed_registries, after=["core.regions"])


class RegistryConfig(AppConfig):
    """A registry app: label ``registry_<code>``, its own database alias of the same name."""

    default_auto_field = "django.db.models.BigAutoField"
    registry_code = ""

    @property
    def database_alias(self) -> str:
        return f"registry_{self.registry_code}"

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "onevisit.accounts"
    label = "accounts"
    verbose_name = _("账号与部门")

    def ready(self) -> None:
        from onevisit.accounts import seed, token_cache
        from onevisit.core import seeding

        token_cache.connect_signals()
        seeding.register("accounts.departments", seed.seed_departments, after=["core.regions"])
        seeding.register("accounts.staff", seed.seed_staff, after=["accounts.departments"])
        seeding.register("accounts.citizens", seed.seed_citizens, after=["core.regions"])
        seeding.register("accounts.enterprises", seed.seed_enterprises, after=["accounts.citizens"])

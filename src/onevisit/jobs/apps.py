from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "onevisit.jobs"
    label = "jobs"
    verbose_name = _("后台任务")

    def ready(self) -> None:
        from onevisit.jobs import checks  # noqa: F401 - registers the system checks

        # Every process that enqueues or runs jobs (web, `onevisit worker`, Celery) must know every
        # task name, so each app's tasks.py is imported once the app registry is ready.
        autodiscover_modules("tasks")

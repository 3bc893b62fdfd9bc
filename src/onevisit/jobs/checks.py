"""System checks: a misspelt backend would otherwise leave jobs queued with nobody to run them."""

from django.conf import settings
from django.core.checks import Error, register

BACKENDS = ("database", "celery")


@register()
def check_task_backend(app_configs, **kwargs):
    backend = getattr(settings, "ONEVISIT_TASK_BACKEND", None)
    if backend in BACKENDS:
        return []
    return [
        Error(
            f"ONEVISIT_TASK_BACKEND is {backend!r}; it must be one of {', '.join(BACKENDS)}.",
            hint="database: run `onevisit worker`; celery: run Celery workers and beat on CELERY_BROKER_URL.",
            id="jobs.E001",
        )
    ]

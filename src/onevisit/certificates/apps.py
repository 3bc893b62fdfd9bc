from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "onevisit.certificates"
    label = "certificates"
    verbose_name = _("电子证照")

    def ready(self) -> None:
        from onevisit.certificates import receivers, tasks  # noqa: F401  (connect the receiver, register the task)

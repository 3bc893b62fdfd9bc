"""What every registry app shares: the versioned record base, the load marker and the app config."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class RegistryRecord(models.Model):
    """A row of a department registry.

    ``version`` and ``updated_at`` travel with every answer, so evidence shows which state of the
    record it came from. A correction updates the row in place and increments ``version``
    (see ``corrections.record_correct``): the registry serves its current state, and the history
    of who read which version belongs to the exchange's access log, not to a second copy here.
    """

    version = models.PositiveIntegerField(_("版本"), default=1)
    updated_at = models.DateTimeField(_("更新时间"), default=timezone.now)

    class Meta:
        abstract = True


class SyntheticLoadBase(models.Model):
    """Which synthetic population a registry holds, so a re-run of the seed can skip it."""

    parameters = models.CharField(_("生成参数"), max_length=200, unique=True)
    rows = models.PositiveIntegerField(_("记录数"), default=0)
    loaded_at = models.DateTimeField(_("装载时间"), default=timezone.now)

    class Meta:
        abstract = True
        verbose_name = _("模拟数据装载")
        verbose_name_plural = _("模拟数据装载")

    def __str__(self) -> str:
        return self.parameters

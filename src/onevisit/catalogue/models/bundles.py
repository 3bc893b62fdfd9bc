"""“One thing” bundles (一件事): matters handled together, one form, one set of materials."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from onevisit.accounts.models import Sector


class BundleAudience(models.TextChoices):
    PERSON = "person", _("个人生命周期")
    ENTERPRISE = "enterprise", _("企业生命周期")


class Bundle(models.Model):
    """A life event or an enterprise stage, led by one department."""

    code = models.CharField(_("一件事编码"), max_length=32, unique=True)
    name = models.CharField(_("名称"), max_length=128)
    name_en = models.CharField(_("英文名称"), max_length=200, blank=True)
    pinyin_initials = models.CharField(_("拼音首字母"), max_length=128, db_index=True, editable=False)
    audience = models.CharField(_("服务对象"), max_length=16, choices=BundleAudience.choices)
    lead_sector = models.CharField(_("牵头部门条线"), max_length=8, choices=Sector.choices)
    description = models.TextField(_("说明"), blank=True)
    committed_limit_days = models.PositiveIntegerField(_("承诺办结时限（工作日）"), null=True, blank=True)
    committed_limit_note = models.CharField(_("时限说明"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("一件事")
        verbose_name_plural = _("一件事")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class BundleComponent(models.Model):
    """A matter inside a bundle; ``depends_on`` lists the components whose result it needs."""

    bundle = models.ForeignKey(Bundle, verbose_name=_("一件事"), on_delete=models.CASCADE, related_name="components")
    matter = models.ForeignKey("catalogue.Matter", verbose_name=_("事项"), on_delete=models.PROTECT,
                               related_name="bundle_components")
    position = models.PositiveSmallIntegerField(_("顺序"), default=0)
    optional = models.BooleanField(_("可选"), default=False)
    condition = models.CharField(_("适用情形"), max_length=300, blank=True)
    depends_on = models.ManyToManyField("self", verbose_name=_("前置事项"), symmetrical=False, blank=True,
                                        related_name="needed_by")

    class Meta:
        verbose_name = _("一件事组成事项")
        verbose_name_plural = _("一件事组成事项")
        ordering = ["bundle", "position"]
        constraints = [
            models.UniqueConstraint(fields=["bundle", "matter"], name="catalogue_component_unique_matter"),
        ]

    def __str__(self) -> str:
        return f"{self.bundle_id}:{self.matter_id}"

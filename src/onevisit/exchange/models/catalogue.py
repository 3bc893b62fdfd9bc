"""The data catalogue (资源目录): what each registry publishes and on what terms it is shared."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from onevisit.registries.contract import FieldType, Sensitivity, SubjectType


class SharingClass(models.TextChoices):
    """共享类型, from least to most restrictive (the order matters, see ``most_restrictive``)."""

    UNCONDITIONAL = "unconditional", _("无条件共享")
    CONDITIONAL = "conditional", _("有条件共享")
    NOT_SHARED = "not_shared", _("不予共享")

    @classmethod
    def most_restrictive(cls, *classes: str) -> "SharingClass":
        order = [cls.UNCONDITIONAL, cls.CONDITIONAL, cls.NOT_SHARED]
        return max((cls(c) for c in classes if c), key=order.index, default=cls.UNCONDITIONAL)


SENSITIVITY_CHOICES = [
    (Sensitivity.PUBLIC.value, _("公开")),
    (Sensitivity.INTERNAL.value, _("内部")),
    (Sensitivity.SENSITIVE_PERSONAL.value, _("敏感个人信息")),
]


class DataItem(models.Model):
    """A data item (数据项) one registry publishes, with one authoritative owner department."""

    code = models.CharField(_("数据项编码"), max_length=64, unique=True)  # "<registry>.<item>"
    registry = models.CharField(_("来源系统"), max_length=32)
    name = models.CharField(_("名称"), max_length=128)
    name_en = models.CharField(_("英文名称"), max_length=200, blank=True)
    owner_department = models.ForeignKey(
        "accounts.Department", verbose_name=_("数源部门"), on_delete=models.PROTECT, related_name="data_items"
    )
    subject_type = models.CharField(_("主体类型"), max_length=16, choices=[(s.value, s.value) for s in SubjectType])
    sharing_class = models.CharField(_("共享类型"), max_length=16, choices=SharingClass.choices)
    update_frequency = models.CharField(_("更新频率"), max_length=16)
    legal_basis = models.TextField(_("共享依据"))
    catalogue_version = models.CharField(_("目录版本"), max_length=32)
    # Bumped whenever the item or its fields change: the gateway caches field metadata per
    # (item id, revision), read from the item row it already fetched, so a cache is never stale.
    revision = models.PositiveIntegerField(_("修订号"), default=1)
    is_active = models.BooleanField(_("在用"), default=True)
    synced_at = models.DateTimeField(_("同步时间"), default=timezone.now)

    class Meta:
        verbose_name = _("数据项")
        verbose_name_plural = _("数据项")
        ordering = ["code"]
        indexes = [models.Index(fields=["sharing_class", "code"])]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class DataField(models.Model):
    """A field (数据字段) of a data item, with its type and sensitivity (敏感级别)."""

    item = models.ForeignKey(DataItem, verbose_name=_("数据项"), on_delete=models.CASCADE, related_name="fields")
    name = models.CharField(_("字段名"), max_length=64)
    label = models.CharField(_("中文名称"), max_length=128)
    label_en = models.CharField(_("英文名称"), max_length=200, blank=True)
    type = models.CharField(_("类型"), max_length=16, choices=[(t.value, t.value) for t in FieldType])
    sensitivity = models.CharField(_("敏感级别"), max_length=24, choices=SENSITIVITY_CHOICES)
    # A field may be more restricted than its item (never less): empty means "as the item".
    sharing_class = models.CharField(_("字段共享类型"), max_length=16, choices=SharingClass.choices, blank=True)
    position = models.PositiveSmallIntegerField(_("顺序"), default=0)

    class Meta:
        verbose_name = _("数据字段")
        verbose_name_plural = _("数据字段")
        ordering = ["item", "position"]
        constraints = [models.UniqueConstraint(fields=["item", "name"], name="exchange_field_unique_per_item")]

    def __str__(self) -> str:
        return f"{self.item_id}.{self.name}"

    def effective_sharing_class(self, item: DataItem) -> SharingClass:
        return SharingClass.most_restrictive(item.sharing_class, self.sharing_class)

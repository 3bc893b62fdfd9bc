"""Access grants (共享授权): a consumer department may read some fields of an item for a purpose."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class GrantStatus(models.TextChoices):
    REQUESTED = "requested", _("待审核")
    GRANTED = "granted", _("已授权")
    REFUSED = "refused", _("已拒绝")
    REVOKED = "revoked", _("已撤销")
    EXPIRED = "expired", _("已过期")


class PurposeKind(models.TextChoices):
    MATTER = "matter", _("政务服务事项")
    NAMED = "named", _("其他法定用途")


class AccessGrant(models.Model):
    """One consumer, one item, some fields, one purpose. Only ``granted`` and unexpired grants
    let data through the gateway."""

    consumer = models.ForeignKey(
        "accounts.Department", verbose_name=_("使用部门"), on_delete=models.PROTECT, related_name="access_grants"
    )
    item = models.ForeignKey("exchange.DataItem", verbose_name=_("数据项"), on_delete=models.PROTECT, related_name="grants")
    fields = models.JSONField(_("授权字段"), default=list)  # sorted field names
    purpose_kind = models.CharField(_("用途类型"), max_length=16, choices=PurposeKind.choices)
    purpose = models.CharField(_("用途"), max_length=64)  # matter code ("DEMO-M01") or named purpose
    purpose_label = models.CharField(_("用途说明"), max_length=200, blank=True)
    legal_basis = models.TextField(_("申请依据"))
    status = models.CharField(_("状态"), max_length=16, choices=GrantStatus.choices, default=GrantStatus.REQUESTED)
    requested_by = models.ForeignKey(
        "accounts.User", verbose_name=_("申请人"), on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(_("申请时间"), default=timezone.now)
    decided_by = models.ForeignKey(
        "accounts.User", verbose_name=_("审核人"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    decision_reason = models.TextField(_("审核意见"), blank=True)
    valid_from = models.DateTimeField(_("生效时间"), null=True, blank=True)
    expires_at = models.DateTimeField(_("到期时间"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        "accounts.User", verbose_name=_("撤销人"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    revoked_at = models.DateTimeField(_("撤销时间"), null=True, blank=True)
    revoke_reason = models.TextField(_("撤销原因"), blank=True)

    class Meta:
        verbose_name = _("共享授权")
        verbose_name_plural = _("共享授权")
        ordering = ["-requested_at", "-id"]
        indexes = [
            # The gateway's one lookup: this consumer's grants for this item.
            models.Index(fields=["consumer", "item", "status"], name="exchange_grant_lookup"),
            models.Index(fields=["status", "expires_at"], name="exchange_grant_expiry"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="granted") | (models.Q(valid_from__isnull=False) & models.Q(expires_at__isnull=False)),
                name="exchange_granted_has_validity",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.consumer_id} · {self.item_id} · {self.purpose} · {self.status}"

    def is_live(self, at) -> bool:
        return (
            self.status == GrantStatus.GRANTED
            and self.valid_from is not None and self.valid_from <= at
            and self.expires_at is not None and at < self.expires_at
        )

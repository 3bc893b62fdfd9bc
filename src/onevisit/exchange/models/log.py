"""The access log (访问日志): one row per gateway attempt, append-only and hash-chained.

Rows are inserted without chain values, concurrently; ``services.access_log_seal`` later gives
each a place in the chain (``chain_seq``), the previous row's hash and its own hash. The unique
constraints make a fork impossible: no two rows share a position or a predecessor.

The table takes one row per gateway call and only grows, so each row costs as few index entries
as its readers need (migration 0005, PostgreSQL): the primary key, by subject (a citizen's "my
data usage"), by consumer (a department's log), by acting user (PROTECT on a user's deletion),
the unsealed rows (sealing), and the chain constraints only once a row is sealed. The foreign
keys are not declared in the database: a declared one made every insert lock the acting user's
and the department's rows until commit, and one system account makes a whole department's calls.
Django still refuses to delete a department or user the log names (PROTECT), and the hash chain
covers both ids.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AccessOutcome(models.TextChoices):
    ALLOWED = "allowed", _("已提供")
    DENIED = "denied", _("已拒绝")
    FAILED = "failed", _("失败")


class AccessLog(models.Model):
    id = models.BigAutoField(primary_key=True)
    created_at = models.DateTimeField(_("时间"), default=timezone.now)
    consumer = models.ForeignKey(
        "accounts.Department", verbose_name=_("使用部门"), on_delete=models.PROTECT, related_name="+",
        db_constraint=False, db_index=False,  # exchange_log_by_consumer leads with it
    )
    acting_user = models.ForeignKey(
        "accounts.User", verbose_name=_("操作人"), on_delete=models.PROTECT, related_name="+", db_constraint=False,
    )
    subject = models.CharField(_("数据主体"), max_length=32)
    item = models.CharField(_("数据项"), max_length=64)
    fields = models.JSONField(_("字段"), default=list)
    purpose = models.CharField(_("用途"), max_length=64)
    reference = models.CharField(_("办件编号"), max_length=64)
    outcome = models.CharField(_("结果"), max_length=16, choices=AccessOutcome.choices)
    error_code = models.CharField(_("错误代码"), max_length=48, blank=True)
    latency_ms = models.PositiveIntegerField(_("耗时（毫秒）"), default=0)
    record_count = models.PositiveIntegerField(_("记录数"), default=0)
    grant_id = models.BigIntegerField(_("授权编号"), null=True, blank=True)
    request_hash = models.CharField(_("请求摘要"), max_length=64)
    content_hash = models.CharField(_("内容摘要"), max_length=64, blank=True)
    response_id = models.CharField(_("响应编号"), max_length=64, blank=True)
    # Chain columns: NULL until sealed, then never changed (a trigger enforces it). NULL, not "",
    # because "unsealed" is no hash at all and unique constraints must let many rows be unsealed.
    chain_seq = models.BigIntegerField(_("链序号"), null=True, blank=True)
    prev_hash = models.CharField(_("前序摘要"), max_length=64, null=True, blank=True)  # noqa: DJ001
    row_hash = models.CharField(_("本行摘要"), max_length=64, null=True, blank=True)  # noqa: DJ001

    class Meta:
        verbose_name = _("访问日志")
        verbose_name_plural = _("访问日志")
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["subject", "-created_at"], name="exchange_log_by_subject"),
            models.Index(fields=["consumer", "-created_at"], name="exchange_log_by_consumer"),
            models.Index(fields=["id"], condition=models.Q(chain_seq__isnull=True), name="exchange_log_unsealed"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["chain_seq"], condition=models.Q(chain_seq__isnull=False),
                                    name="exchange_log_one_row_per_seq"),
            models.UniqueConstraint(fields=["prev_hash"], condition=models.Q(prev_hash__isnull=False),
                                    name="exchange_log_one_successor"),
        ]

    def __str__(self) -> str:
        return f"#{self.id} {self.item} {self.outcome}"

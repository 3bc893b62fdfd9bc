"""Data-error reports (数据纠错): someone who sees a wrong value reports it to the owner department."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ReportStatus(models.TextChoices):
    OPEN = "open", _("待处理")
    CORRECTED = "corrected", _("已更正")
    REJECTED = "rejected", _("已驳回")


class DataErrorReport(models.Model):
    """One reported wrong value of one field of one data item about one subject. It waits in the
    owner department's queue until ``due_on`` (working days); the owner's data officer corrects it
    in the registry (``new_version`` is the record's version after the correction) or rejects it."""

    item = models.ForeignKey("exchange.DataItem", verbose_name=_("数据项"), on_delete=models.PROTECT,
                             related_name="error_reports")
    field = models.CharField(_("字段名"), max_length=64)
    subject = models.CharField(_("数据主体"), max_length=32)  # resident ID number or USCC
    record_id = models.CharField(_("记录标识"), max_length=64, blank=True)
    reference = models.CharField(_("办件编号"), max_length=64, blank=True)
    reported_value = models.TextField(_("显示的值"), blank=True)
    proposed_value = models.TextField(_("正确的值"))
    explanation = models.TextField(_("说明"))
    reporter = models.ForeignKey("accounts.User", verbose_name=_("报告人"), on_delete=models.PROTECT,
                                 related_name="data_error_reports")
    reporter_department = models.ForeignKey(
        "accounts.Department", verbose_name=_("报告部门"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )
    owner_department = models.ForeignKey(
        "accounts.Department", verbose_name=_("数源部门"), on_delete=models.PROTECT, related_name="data_error_reports"
    )
    status = models.CharField(_("状态"), max_length=16, choices=ReportStatus.choices, default=ReportStatus.OPEN)
    created_at = models.DateTimeField(_("报告时间"), default=timezone.now)
    due_on = models.DateField(_("办理期限"))
    resolved_by = models.ForeignKey(
        "accounts.User", verbose_name=_("处理人"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    resolved_at = models.DateTimeField(_("处理时间"), null=True, blank=True)
    resolution_reason = models.TextField(_("处理意见"), blank=True)
    new_version = models.PositiveIntegerField(_("更正后版本"), null=True, blank=True)

    class Meta:
        verbose_name = _("数据纠错")
        verbose_name_plural = _("数据纠错")
        ordering = ["due_on", "id"]
        indexes = [
            # The owner's queue and the data-quality figures.
            models.Index(fields=["owner_department", "status", "due_on"], name="exchange_error_queue"),
        ]

    def __str__(self) -> str:
        return f"{self.item_id}.{self.field} {self.subject} ({self.status})"

    @property
    def is_overdue(self) -> bool:
        return self.status == ReportStatus.OPEN and self.due_on < timezone.localdate()

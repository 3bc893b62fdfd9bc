from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    CONSOLE = "console", _("控制台（演示）")
    INAPP = "inapp", _("站内消息")
    EMAIL = "email", _("电子邮件")
    SMS = "sms", _("短信")


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("待发送")
    DELIVERED = "delivered", _("已送达")
    # Every allowed attempt failed, or the failure cannot be fixed by trying again (no address).
    FAILED = "failed", _("发送失败")


class Notification(models.Model):
    """A message to one person on one channel (通知), and the outbox record of its delivery.

    The row is written in the caller's transaction: it exists exactly when the business change
    that caused it committed. ``status`` says where delivery stands; every try is a DeliveryAttempt.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("收件人"), on_delete=models.CASCADE, related_name="notifications"
    )
    channel = models.CharField(_("渠道"), max_length=16, choices=Channel.choices)
    subject = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("内容"))
    status = models.CharField(
        _("发送状态"), max_length=16, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveIntegerField(_("已尝试次数"), default=0)
    max_attempts = models.PositiveIntegerField(_("最多尝试次数"), default=5)
    last_error = models.TextField(_("最近一次错误"), blank=True)
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)
    delivered_at = models.DateTimeField(_("送达时间"), null=True, blank=True)
    failed_at = models.DateTimeField(_("失败时间"), null=True, blank=True)
    read_at = models.DateTimeField(_("阅读时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("通知")
        verbose_name_plural = _("通知")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "-created_at"]),
            models.Index(fields=["recipient", "channel", "read_at"], name="notif_inbox_unread_idx"),
            models.Index(fields=["status", "channel"], name="notif_status_channel_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(channel__in=Channel.values), name="notif_channel_valid"),
            models.CheckConstraint(condition=Q(status__in=DeliveryStatus.values), name="notif_status_valid"),
        ]

    def __str__(self) -> str:
        return self.subject

    @property
    def is_unread(self) -> bool:
        return self.read_at is None


class AttemptOutcome(models.TextChoices):
    # Started and not finished: the sender stopped mid-way; the next run closes it as failed.
    RUNNING = "running", _("发送中")
    OK = "ok", _("成功")
    FAILED = "failed", _("失败")


class DeliveryAttempt(models.Model):
    """One try at handing a notification to its channel's provider (发送记录)."""

    notification = models.ForeignKey(
        Notification, verbose_name=_("通知"), on_delete=models.CASCADE, related_name="delivery_attempts"
    )
    channel = models.CharField(_("渠道"), max_length=16, choices=Channel.choices)
    number = models.PositiveIntegerField(_("第几次"))
    provider = models.CharField(_("服务提供方"), max_length=200, blank=True)
    started_at = models.DateTimeField(_("开始时间"), default=timezone.now)
    finished_at = models.DateTimeField(_("结束时间"), null=True, blank=True)
    outcome = models.CharField(_("结果"), max_length=16, choices=AttemptOutcome.choices, default=AttemptOutcome.RUNNING)
    error = models.TextField(_("错误信息"), blank=True)
    provider_message_id = models.CharField(_("服务方消息编号"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("发送记录")
        verbose_name_plural = _("发送记录")
        ordering = ["notification", "number"]
        constraints = [
            models.UniqueConstraint(fields=["notification", "number"], name="notif_attempt_number_unique"),
        ]

    def __str__(self) -> str:
        return f"#{self.notification_id}/{self.number} {self.outcome}"

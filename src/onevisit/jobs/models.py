from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("排队中")
    RUNNING = "running", _("执行中")
    SUCCEEDED = "succeeded", _("已完成")
    # Dead: every attempt failed. Stays here until someone requeues it; never deleted silently.
    FAILED = "failed", _("已失败")


class Job(models.Model):
    """One unit of background work (后台任务) and its state. The source of truth in every backend:
    a Celery message only carries a job id."""

    task_name = models.CharField(_("任务名称"), max_length=100)
    kwargs = models.JSONField(_("参数"), default=dict, blank=True)
    status = models.CharField(_("状态"), max_length=16, choices=JobStatus.choices, default=JobStatus.QUEUED)
    attempts = models.PositiveIntegerField(_("已尝试次数"), default=0)
    max_attempts = models.PositiveIntegerField(_("最多尝试次数"), default=5)
    run_after = models.DateTimeField(_("最早执行时间"), default=timezone.now)
    last_error = models.TextField(_("最近一次错误"), blank=True)
    # The lease: who runs the job and until when. A worker that dies stops renewing it, and once
    # it has expired another worker may take the job over.
    locked_by = models.CharField(_("执行者"), max_length=200, blank=True)
    locked_until = models.DateTimeField(_("租约到期时间"), null=True, blank=True)
    dedup_key = models.CharField(
        _("去重键"), max_length=200, null=True, blank=True, unique=True,
        help_text=_("同一去重键只会有一个任务；重复提交返回已有任务。"),
    )
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)
    started_at = models.DateTimeField(_("首次开始时间"), null=True, blank=True)
    finished_at = models.DateTimeField(_("结束时间"), null=True, blank=True)
    published_at = models.DateTimeField(
        _("投递时间"), null=True, blank=True, help_text=_("仅 Celery 模式：最近一次向消息队列投递的时间。"),
    )

    class Meta:
        verbose_name = _("后台任务")
        verbose_name_plural = _("后台任务")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["status", "run_after"], name="jobs_job_due_idx"),
            models.Index(fields=["task_name", "status"], name="jobs_job_task_status_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=JobStatus.values), name="jobs_job_status_valid"),
            models.CheckConstraint(condition=Q(attempts__lte=F("max_attempts")), name="jobs_job_attempts_within_max"),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.task_name} ({self.status})"


class AttemptOutcome(models.TextChoices):
    RUNNING = "running", _("执行中")
    SUCCEEDED = "succeeded", _("成功")
    FAILED = "failed", _("失败")
    LOST = "lost", _("中断（执行者失联）")


class JobAttempt(models.Model):
    """One try at running a job (执行记录): who, when, and how it ended."""

    job = models.ForeignKey(Job, verbose_name=_("任务"), on_delete=models.CASCADE, related_name="attempt_records")
    number = models.PositiveIntegerField(_("第几次"))
    worker_id = models.CharField(_("执行者"), max_length=200)
    started_at = models.DateTimeField(_("开始时间"), default=timezone.now)
    finished_at = models.DateTimeField(_("结束时间"), null=True, blank=True)
    outcome = models.CharField(_("结果"), max_length=16, choices=AttemptOutcome.choices, default=AttemptOutcome.RUNNING)
    error = models.TextField(_("错误信息"), blank=True)

    class Meta:
        verbose_name = _("执行记录")
        verbose_name_plural = _("执行记录")
        ordering = ["job", "number"]
        constraints = [models.UniqueConstraint(fields=["job", "number"], name="jobs_attempt_number_unique")]

    def __str__(self) -> str:
        return f"#{self.job_id}/{self.number} {self.outcome}"

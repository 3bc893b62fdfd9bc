"""Cases (办件): one per matter of a submitted application, each running its matter's BPMN
process, with deadlines in working days, supplement requests and an audit timeline."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class CaseStatus(models.TextChoices):
    WAITING = "waiting", _("等待前置结果")
    RECEIVED = "received", _("待受理")
    IN_PROGRESS = "in_progress", _("办理中")
    SUPPLEMENT = "supplement", _("待补正")
    SUSPENDED = "suspended", _("中止")
    APPROVED = "approved", _("准予")
    REJECTED = "rejected", _("不予")
    TERMINATED = "terminated", _("终止")


OPEN_STATUSES = (CaseStatus.WAITING, CaseStatus.RECEIVED, CaseStatus.IN_PROGRESS, CaseStatus.SUPPLEMENT,
                 CaseStatus.SUSPENDED)
PAUSED_STATUSES = (CaseStatus.SUPPLEMENT, CaseStatus.SUSPENDED)
DONE_STATUSES = (CaseStatus.APPROVED, CaseStatus.REJECTED, CaseStatus.TERMINATED)


class Delivery(models.TextChoices):
    ELECTRONIC = "electronic", _("电子送达")
    POST = "post", _("邮寄送达")
    COLLECT = "collect", _("窗口领取")


class Case(models.Model):
    """One matter of one application, handled by one department.

    ``version`` is the optimistic lock: every change is an UPDATE guarded by the version the
    actor saw, so two officers cannot both move the same case.
    """

    reference = models.CharField(_("办件编号"), max_length=32, unique=True)
    application = models.ForeignKey("applications.Application", verbose_name=_("申请"), on_delete=models.PROTECT,
                                    related_name="cases")
    application_matter = models.OneToOneField("applications.ApplicationMatter", verbose_name=_("申请事项"),
                                              on_delete=models.PROTECT, related_name="case")
    matter = models.ForeignKey("catalogue.Matter", verbose_name=_("事项"), on_delete=models.PROTECT, related_name="+")
    department = models.ForeignKey("accounts.Department", verbose_name=_("承办部门"), on_delete=models.PROTECT,
                                   related_name="cases")
    applicant = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("申请人"), on_delete=models.PROTECT,
                                  related_name="cases")
    applicant_name = models.CharField(_("申请人姓名"), max_length=200)
    enterprise = models.ForeignKey("accounts.Enterprise", verbose_name=_("代办企业"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    channel = models.CharField(_("申请渠道"), max_length=16)
    status = models.CharField(_("状态"), max_length=16, choices=CaseStatus.choices)
    task = models.CharField(_("当前环节"), max_length=64, blank=True)
    task_name = models.CharField(_("当前环节名称"), max_length=64, blank=True)
    assignee = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("经办人"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="assigned_cases")
    depends_on = models.JSONField(_("前置事项"), default=list, blank=True)
    immediate = models.BooleanField(_("即办件"), default=False)
    # Clock: working days count from ``clock_started_on``; paused days and extensions move the due dates.
    committed_days = models.PositiveIntegerField(_("承诺时限（工作日）"), null=True, blank=True)
    statutory_days = models.PositiveIntegerField(_("法定时限（工作日）"), null=True, blank=True)
    clock_started_on = models.DateField(_("计时起始日"), null=True, blank=True)
    paused_since = models.DateField(_("暂停计时日"), null=True, blank=True)
    paused_workdays = models.PositiveIntegerField(_("已暂停工作日"), default=0)
    extended_workdays = models.PositiveIntegerField(_("延长工作日"), default=0)
    committed_due = models.DateField(_("承诺办结日"), null=True, blank=True)
    statutory_due = models.DateField(_("法定办结日"), null=True, blank=True)
    resume_status = models.CharField(_("恢复后状态"), max_length=16, blank=True)
    decision = models.CharField(_("决定"), max_length=16, blank=True)
    decision_reason = models.TextField(_("决定理由"), blank=True)
    delivery = models.CharField(_("送达方式"), max_length=16, choices=Delivery.choices, blank=True)
    opened_at = models.DateTimeField(_("收件时间"), default=timezone.now)
    accepted_at = models.DateTimeField(_("受理时间"), null=True, blank=True)
    decided_at = models.DateTimeField(_("办结时间"), null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("决定人"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    version = models.PositiveIntegerField(_("版本"), default=1)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("办件")
        verbose_name_plural = _("办件")
        ordering = ["committed_due", "id"]
        indexes = [
            # The department queue: open cases by due date; "mine" by assignee.
            models.Index(fields=["department", "status", "committed_due", "id"], name="cases_queue"),
            # The to-do queue and the decided list walk these in page order and stop after a page.
            models.Index(fields=["department", "committed_due", "id"], name="cases_todo_free",
                         condition=Q(status__in=["received", "in_progress"], assignee__isnull=True)),
            models.Index(fields=["assignee", "department", "committed_due", "id"], name="cases_todo_mine",
                         condition=Q(status__in=["received", "in_progress"])),
            models.Index(fields=["department", "-decided_at", "-id"], name="cases_done",
                         condition=Q(status__in=["approved", "rejected", "terminated"])),
            models.Index(fields=["department", "committed_due", "id"], name="cases_dept_due"),
            models.Index(fields=["assignee", "status", "committed_due", "id"], name="cases_mine"),
            models.Index(fields=["department", "-opened_at", "-id"], name="cases_dept_recent"),
            models.Index(fields=["applicant_name"], name="cases_applicant_name"),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_paused(self) -> bool:
        return self.status in PAUSED_STATUSES


class CaseWorkflow(models.Model):
    """The serialized SpiffWorkflow state of an open case (kept apart so queues read narrow rows)."""

    case = models.OneToOneField(Case, verbose_name=_("办件"), on_delete=models.CASCADE, primary_key=True,
                                related_name="workflow")
    process_key = models.CharField(_("流程"), max_length=100)
    state = models.TextField(_("流程状态"))

    class Meta:
        verbose_name = _("流程状态")
        verbose_name_plural = _("流程状态")

    def __str__(self) -> str:
        return f"{self.case_id}:{self.process_key}"


class CaseAction(models.TextChoices):
    OPENED = "opened", _("收件")
    WAITING = "waiting", _("等待前置事项")
    READY = "ready", _("前置结果已出具")
    CLAIMED = "claimed", _("认领")
    RELEASED = "released", _("退回待认领")
    ACCEPTED = "accepted", _("受理")
    NOT_ACCEPTED = "not_accepted", _("不予受理")
    REVIEWED = "reviewed", _("审查")
    TASK_COMPLETED = "task_completed", _("完成环节")
    APPROVED = "approved", _("准予")
    REJECTED = "rejected", _("不予")
    SUPPLEMENT_REQUESTED = "supplement_requested", _("一次性告知补正")
    SUPPLEMENT_SUPPLIED = "supplement_supplied", _("补正材料已提交")
    SUSPENDED = "suspended", _("中止")
    RESUMED = "resumed", _("恢复办理")
    EXTENDED = "extended", _("延长时限")
    TRANSFERRED = "transferred", _("转交")
    TERMINATED = "terminated", _("终止")
    RESULT_ISSUED = "result_issued", _("出具结果")
    DOCUMENT_READY = "document_ready", _("决定书已生成")
    ORIGINALS_CHECKED = "originals_checked", _("核验原件")


class CaseEvent(models.Model):
    """One thing that happened to a case: who, when, what, why. Append-only; ``seq`` numbers a
    case's events 1, 2, 3 ... so a lost or duplicated transition shows as a gap or a clash."""

    case = models.ForeignKey(Case, verbose_name=_("办件"), on_delete=models.CASCADE, related_name="events")
    seq = models.PositiveIntegerField(_("序号"))
    action = models.CharField(_("动作"), max_length=32, choices=CaseAction.choices)
    at = models.DateTimeField(_("时间"), default=timezone.now)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("操作人"), null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    actor_name = models.CharField(_("操作人姓名"), max_length=64, blank=True)
    department = models.ForeignKey("accounts.Department", verbose_name=_("部门"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    task = models.CharField(_("环节"), max_length=64, blank=True)
    status_after = models.CharField(_("动作后状态"), max_length=16, blank=True)
    reason = models.TextField(_("理由"), blank=True)
    data = models.JSONField(_("数据"), default=dict, blank=True)
    # The client's key for this action: a retried request finds its event instead of acting twice.
    request_key = models.CharField(_("请求键"), max_length=64, null=True, blank=True)  # noqa: DJ001

    class Meta:
        verbose_name = _("办件日志")
        verbose_name_plural = _("办件日志")
        ordering = ["case", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["case", "seq"], name="cases_event_seq_unique"),
            models.UniqueConstraint(fields=["case", "request_key"], name="cases_event_request_unique",
                                    condition=Q(request_key__isnull=False)),
        ]
        indexes = [models.Index(fields=["at", "id"], name="cases_event_at")]

    def __str__(self) -> str:
        return f"{self.case_id}#{self.seq} {self.action}"


class Supplement(models.Model):
    """A one-time notice (一次性告知) of every missing or wrong item, and the applicant's answer."""

    case = models.ForeignKey(Case, verbose_name=_("办件"), on_delete=models.CASCADE, related_name="supplements")
    items = models.JSONField(_("补正事项"))
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("告知人"), null=True,
                                     on_delete=models.SET_NULL, related_name="+")
    requested_at = models.DateTimeField(_("告知时间"), default=timezone.now)
    note = models.TextField(_("说明"), blank=True)
    answers = models.JSONField(_("补正内容"), default=dict, blank=True)
    supplied_at = models.DateTimeField(_("补正时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("补正告知")
        verbose_name_plural = _("补正告知")
        ordering = ["case", "-requested_at"]
        constraints = [models.UniqueConstraint(fields=["case"], condition=Q(supplied_at__isnull=True),
                                               name="cases_one_open_supplement")]

    def __str__(self) -> str:
        return f"{self.case_id}:{self.requested_at:%Y-%m-%d}"


def supplement_file_path(instance: "SupplementFile", filename: str) -> str:
    return f"cases/{instance.supplement.case.reference}/{filename}"


class SupplementFile(models.Model):
    supplement = models.ForeignKey(Supplement, verbose_name=_("补正告知"), on_delete=models.CASCADE,
                                   related_name="files")
    item_key = models.CharField(_("补正事项"), max_length=64)
    file = models.FileField(_("文件"), upload_to=supplement_file_path, max_length=300)
    original_name = models.CharField(_("原文件名"), max_length=255)
    content_type = models.CharField(_("文件类型"), max_length=100)
    size = models.PositiveBigIntegerField(_("大小（字节）"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_at = models.DateTimeField(_("上传时间"), default=timezone.now)

    class Meta:
        verbose_name = _("补正文件")
        verbose_name_plural = _("补正文件")
        ordering = ["supplement", "id"]

    def __str__(self) -> str:
        return self.original_name


def document_path(instance: "CaseDocument", filename: str) -> str:
    return f"cases/{instance.case.reference}/{filename}"


class CaseDocument(models.Model):
    """A document the case produced: the decision letter (PDF)."""

    case = models.ForeignKey(Case, verbose_name=_("办件"), on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("类型"), max_length=32, default="decision")
    number = models.CharField(_("文号"), max_length=64)
    file = models.FileField(_("文件"), upload_to=document_path, max_length=300)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    created_at = models.DateTimeField(_("生成时间"), default=timezone.now)

    class Meta:
        verbose_name = _("办件文书")
        verbose_name_plural = _("办件文书")
        ordering = ["case", "id"]
        constraints = [models.UniqueConstraint(fields=["case", "kind"], name="cases_document_once")]

    def __str__(self) -> str:
        return self.number

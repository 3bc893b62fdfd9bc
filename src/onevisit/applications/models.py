"""Applications (申请): what a citizen or an enterprise's agent hands in once for a matter or a
bundle, with the evidence fetched on their behalf, uploads, commitments and the form."""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("已提交")


class Channel(models.TextChoices):
    WEB = "web", _("网上办")
    MOBILE = "mobile", _("掌上办")
    WINDOW = "window", _("窗口办")


class Application(models.Model):
    """One application for one matter or one bundle (一件事), a draft until it is submitted."""

    reference = models.CharField(_("申请编号"), max_length=32, unique=True)
    applicant = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("申请人"), on_delete=models.PROTECT,
                                  related_name="applications")
    enterprise = models.ForeignKey("accounts.Enterprise", verbose_name=_("代办企业"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="applications")
    matter = models.ForeignKey("catalogue.Matter", verbose_name=_("事项"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="applications")
    bundle = models.ForeignKey("catalogue.Bundle", verbose_name=_("一件事"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="applications")
    status = models.CharField(_("状态"), max_length=16, choices=ApplicationStatus.choices,
                              default=ApplicationStatus.DRAFT)
    channel = models.CharField(_("申请渠道"), max_length=16, choices=Channel.choices, default=Channel.WEB)
    form_data = models.JSONField(_("表单内容"), default=dict, blank=True, encoder=DjangoJSONEncoder)
    evidence_confirmed_at = models.DateTimeField(_("共享数据确认时间"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)
    # NULL (not ""): no key; several applications without one must not collide on the constraint.
    idempotency_key = models.CharField(_("幂等键"), max_length=64, null=True, blank=True)  # noqa: DJ001
    material_summary = models.JSONField(_("材料汇总"), default=dict, blank=True)
    supply_later = models.JSONField(_("容缺后补材料"), default=list, blank=True)
    # Requirement keys whose original a window clerk has seen (原件核验), see ``window_record_originals``.
    originals_seen = models.JSONField(_("已核验原件"), default=list, blank=True)
    version = models.PositiveIntegerField(_("版本"), default=1)
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("申请")
        verbose_name_plural = _("申请")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(matter__isnull=False, bundle__isnull=True) | Q(matter__isnull=True, bundle__isnull=False)),
                name="applications_matter_xor_bundle"),
            models.UniqueConstraint(fields=["applicant", "idempotency_key"], name="applications_idempotency_unique",
                                    condition=Q(idempotency_key__isnull=False)),
        ]
        indexes = [models.Index(fields=["applicant", "-created_at"])]

    def __str__(self) -> str:
        return self.reference

    @property
    def subject_code(self) -> str:
        return self.bundle.code if self.bundle_id else self.matter.code  # type: ignore[union-attr]


class ApplicationMatter(models.Model):
    """One component matter of a submitted application; a case is opened per row (issue 5)."""

    application = models.ForeignKey(Application, verbose_name=_("申请"), on_delete=models.CASCADE,
                                    related_name="matters")
    matter = models.ForeignKey("catalogue.Matter", verbose_name=_("事项"), on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField(_("顺序"), default=0)
    depends_on = models.JSONField(_("前置事项"), default=list, blank=True)
    optional = models.BooleanField(_("可选"), default=False)

    class Meta:
        verbose_name = _("申请事项")
        verbose_name_plural = _("申请事项")
        ordering = ["application", "position"]
        constraints = [models.UniqueConstraint(fields=["application", "matter"], name="applications_matter_once")]

    def __str__(self) -> str:
        return f"{self.application_id}:{self.matter_id}"


class EvidenceStatus(models.TextChoices):
    FETCHED = "fetched", _("已获取")
    PENDING = "pending", _("待获取")
    FAILED = "failed", _("获取失败")
    REFUSED = "refused", _("未获授权")


class Evidence(models.Model):
    """Data fetched through the sharing gateway for one requirement, with its provenance."""

    application = models.ForeignKey(Application, verbose_name=_("申请"), on_delete=models.CASCADE,
                                    related_name="evidence")
    requirement_key = models.CharField(_("数据项"), max_length=64)
    matters = models.JSONField(_("需要的事项"), default=list)
    purpose = models.CharField(_("用途"), max_length=64, blank=True)
    consumer = models.ForeignKey("accounts.Department", verbose_name=_("使用部门"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")
    subject = models.CharField(_("数据主体"), max_length=32, blank=True)
    fields = models.JSONField(_("字段"), default=list)
    status = models.CharField(_("状态"), max_length=16, choices=EvidenceStatus.choices)
    source = models.CharField(_("数源系统"), max_length=32, blank=True)
    department = models.CharField(_("数源部门"), max_length=128, blank=True)
    retrieved_at = models.DateTimeField(_("获取时间"), null=True, blank=True)
    response_id = models.CharField(_("响应标识"), max_length=64, blank=True)
    content_hash = models.CharField(_("内容摘要"), max_length=64, blank=True)
    access_log_id = models.BigIntegerField(_("访问日志编号"), null=True, blank=True)
    display = models.JSONField(_("脱敏展示"), default=list, blank=True, encoder=DjangoJSONEncoder)
    data = models.JSONField(_("原始数据"), default=list, blank=True, encoder=DjangoJSONEncoder)
    attempts = models.PositiveSmallIntegerField(_("尝试次数"), default=0)
    last_error_code = models.CharField(_("最近错误"), max_length=48, blank=True)
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("共享证据")
        verbose_name_plural = _("共享证据")
        ordering = ["application", "id"]
        constraints = [models.UniqueConstraint(fields=["application", "requirement_key"],
                                               name="applications_evidence_once")]

    def __str__(self) -> str:
        return f"{self.application_id}:{self.requirement_key}"


def upload_path(instance: "Upload", filename: str) -> str:
    """``applications/<reference>/<sha256 prefix>.<sniffed type>``: never the applicant's file name."""
    return f"applications/{instance.application.reference}/{filename}"


class Upload(models.Model):
    """A file the applicant handed in for a requirement; its type is checked by its content."""

    application = models.ForeignKey(Application, verbose_name=_("申请"), on_delete=models.CASCADE,
                                    related_name="uploads")
    requirement_key = models.CharField(_("材料"), max_length=200)
    file = models.FileField(_("文件"), upload_to=upload_path, max_length=300)
    original_name = models.CharField(_("原文件名"), max_length=255)
    content_type = models.CharField(_("文件类型"), max_length=100)
    size = models.PositiveBigIntegerField(_("大小（字节）"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_at = models.DateTimeField(_("上传时间"), default=timezone.now)

    class Meta:
        verbose_name = _("上传材料")
        verbose_name_plural = _("上传材料")
        ordering = ["application", "id"]

    def __str__(self) -> str:
        return self.original_name


class Commitment(models.Model):
    """A signed commitment (告知承诺) that replaces a material."""

    application = models.ForeignKey(Application, verbose_name=_("申请"), on_delete=models.CASCADE,
                                    related_name="commitments")
    requirement_key = models.CharField(_("材料"), max_length=200)
    text = models.TextField(_("承诺内容"))
    signed_name = models.CharField(_("签名"), max_length=64)
    signed_at = models.DateTimeField(_("签署时间"), default=timezone.now)

    class Meta:
        verbose_name = _("告知承诺")
        verbose_name_plural = _("告知承诺")
        ordering = ["application", "id"]
        constraints = [models.UniqueConstraint(fields=["application", "requirement_key"],
                                               name="applications_commitment_once")]

    def __str__(self) -> str:
        return f"{self.application_id}:{self.requirement_key}"


class VisitPurpose(models.TextChoices):
    SUBMIT = "submit", _("递交申请")
    SUPPLEMENT = "supplement", _("补正")
    COLLECT = "collect", _("领取结果")
    CONSULT = "consult", _("咨询")


class Visit(models.Model):
    """One trip of the applicant to a service window for an application (到现场一次), recorded by
    the window clerk. The number of these rows is what "maximum one visit" is measured by."""

    application = models.ForeignKey(Application, verbose_name=_("申请"), on_delete=models.CASCADE,
                                    related_name="visits")
    visitor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("来访人"), on_delete=models.PROTECT,
                                related_name="+")
    clerk = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("窗口受理员"), on_delete=models.PROTECT,
                              related_name="+")
    at = models.DateTimeField(_("到访时间"), default=timezone.now)
    purpose = models.CharField(_("事由"), max_length=16, choices=VisitPurpose.choices)
    note = models.TextField(_("备注"), blank=True)
    # [{"key": requirement key, "name": material name, "checked": bool}] at the time of the visit.
    originals = models.JSONField(_("原件核验"), default=list, blank=True)

    class Meta:
        verbose_name = _("现场办理记录")
        verbose_name_plural = _("现场办理记录")
        ordering = ["application", "at", "id"]
        constraints = [models.UniqueConstraint(fields=["application"], condition=Q(purpose="submit"),
                                               name="applications_one_submit_visit")]

    def __str__(self) -> str:
        return f"{self.application_id}:{self.purpose}@{self.at:%Y-%m-%d}"

import hashlib

from django.contrib.auth.models import AbstractBaseUser, PermissionsMixin, UserManager
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from onevisit.core.identifiers import mask_id_number
from onevisit.core.models import RegionLevel


class Sector(models.TextChoices):
    """The line of government a department belongs to (条线)."""

    GOV = "GOV", _("政务服务管理")
    DATA = "DATA", _("大数据发展管理")
    PSB = "PSB", _("公安")
    CA = "CA", _("民政")
    HRSS = "HRSS", _("人力资源和社会保障")
    MIB = "MIB", _("医疗保障")
    AMR = "AMR", _("市场监督管理")
    TAX = "TAX", _("税务")
    NRB = "NRB", _("自然资源和规划")
    HUD = "HUD", _("住房和城乡建设")
    HC = "HC", _("卫生健康")
    EDU = "EDU", _("教育")
    TRN = "TRN", _("交通运输")
    EEB = "EEB", _("生态环境")
    FRB = "FRB", _("消防救援")
    HPF = "HPF", _("住房公积金")
    DPF = "DPF", _("残疾人联合会")
    UMB = "UMB", _("综合行政执法")
    TOB = "TOB", _("烟草专卖")
    CUS = "CUS", _("海关")


class Department(models.Model):
    """A government department at province, city or county level (部门)."""

    code = models.CharField(_("部门编码"), max_length=32, unique=True)
    name = models.CharField(_("名称"), max_length=128)
    name_en = models.CharField(_("英文名称"), max_length=200, blank=True)
    sector = models.CharField(_("条线"), max_length=8, choices=Sector.choices)
    level = models.CharField(_("层级"), max_length=16, choices=RegionLevel.choices)
    region = models.ForeignKey("core.Region", verbose_name=_("所在区划"), on_delete=models.PROTECT, related_name="departments")
    parent = models.ForeignKey(
        "self", verbose_name=_("上级部门"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    uscc = models.CharField(_("统一社会信用代码"), max_length=18, unique=True, null=True, blank=True)
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("部门")
        verbose_name_plural = _("部门")
        ordering = ["code"]
        indexes = [models.Index(fields=["level", "sector"])]

    def __str__(self) -> str:
        return self.name


class UserKind(models.TextChoices):
    CITIZEN = "citizen", _("自然人")
    STAFF = "staff", _("工作人员")
    SYSTEM = "system", _("系统账号")


class StaffRole(models.TextChoices):
    WINDOW_CLERK = "window_clerk", _("综合窗口受理员")
    CASE_OFFICER = "case_officer", _("审批经办人")
    DEPARTMENT_HEAD = "department_head", _("部门负责人")
    DATA_OFFICER = "data_officer", _("数据专员")
    EVALUATOR = "evaluator", _("评价专员")
    ADMINISTRATOR = "administrator", _("系统管理员")


class OneVisitUserManager(UserManager):
    def create_superuser(self, username, email=None, password=None, **extra_fields):
        extra_fields.setdefault("kind", UserKind.STAFF)
        return super().create_superuser(username, email, password, **extra_fields)


class User(AbstractBaseUser, PermissionsMixin):
    """Anyone who logs in: a citizen (keyed by resident ID number), a staff member or a system.

    Citizens log in with their ID number, which is also their ``username``; staff and systems
    have a chosen username. Enterprises do not log in: a citizen acts for one under a mandate.
    """

    kind = models.CharField(_("账号类型"), max_length=16, choices=UserKind.choices)
    username = models.CharField(_("登录名"), max_length=64, unique=True)
    id_number = models.CharField(_("公民身份号码"), max_length=18, unique=True, null=True, blank=True)
    full_name = models.CharField(_("姓名"), max_length=64)
    phone = models.CharField(_("手机号码"), max_length=20, blank=True)
    email = models.EmailField(_("电子邮箱"), blank=True)
    department = models.ForeignKey(
        Department, verbose_name=_("所属部门"), null=True, blank=True, on_delete=models.PROTECT, related_name="staff"
    )
    totp_secret = models.CharField(_("动态口令密钥"), max_length=64, blank=True)
    # The 30-second step of the last accepted TOTP code: a code is accepted once, never replayed.
    totp_last_step = models.BigIntegerField(_("动态口令最近使用时段"), default=0)
    is_staff = models.BooleanField(_("可进入管理后台"), default=False)
    is_active = models.BooleanField(_("启用"), default=True)
    date_joined = models.DateTimeField(_("注册时间"), default=timezone.now)

    objects = OneVisitUserManager()

    USERNAME_FIELD = "username"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="citizen") | models.Q(id_number__isnull=False),
                name="citizen_has_id_number",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name or self.username

    @property
    def is_citizen(self) -> bool:
        return self.kind == UserKind.CITIZEN

    @property
    def is_officer(self) -> bool:
        return self.kind == UserKind.STAFF

    @property
    def masked_id_number(self) -> str:
        return mask_id_number(self.id_number) if self.id_number else ""

    @property
    def totp_enabled(self) -> bool:
        return bool(self.totp_secret)

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name


class StaffRoleAssignment(models.Model):
    """A role a staff member holds in their department (岗位角色)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(_("角色"), max_length=32, choices=StaffRole.choices)
    granted_at = models.DateTimeField(_("授予时间"), default=timezone.now)

    class Meta:
        verbose_name = _("岗位角色")
        verbose_name_plural = _("岗位角色")
        constraints = [models.UniqueConstraint(fields=["user", "role"], name="unique_role_per_user")]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()}"


class Enterprise(models.Model):
    """A legal person or other organisation (法人), keyed by its Unified Social Credit Code."""

    uscc = models.CharField(_("统一社会信用代码"), max_length=18, unique=True)
    name = models.CharField(_("名称"), max_length=200)
    region = models.ForeignKey("core.Region", verbose_name=_("登记机关所在区划"), on_delete=models.PROTECT)
    legal_representative_name = models.CharField(_("法定代表人"), max_length=64)
    legal_representative_id_number = models.CharField(_("法定代表人身份号码"), max_length=18)
    address = models.CharField(_("住所"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)

    class Meta:
        verbose_name = _("企业")
        verbose_name_plural = _("企业")
        ordering = ["uscc"]

    def __str__(self) -> str:
        return self.name


class MandateRole(models.TextChoices):
    LEGAL_REPRESENTATIVE = "legal_representative", _("法定代表人")
    AGENT = "agent", _("授权经办人")


class EnterpriseMandate(models.Model):
    """Who may act for an enterprise: its legal representative, or an agent they authorised."""

    enterprise = models.ForeignKey(Enterprise, on_delete=models.CASCADE, related_name="mandates")
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="mandates")
    role = models.CharField(_("身份"), max_length=32, choices=MandateRole.choices)
    granted_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    granted_at = models.DateTimeField(_("授权时间"), default=timezone.now)
    valid_until = models.DateField(_("有效期至"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("撤销时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("企业授权")
        verbose_name_plural = _("企业授权")
        constraints = [models.UniqueConstraint(fields=["enterprise", "user"], name="one_mandate_per_person")]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.enterprise}"


class OneTimeCode(models.Model):
    """A login code sent to a citizen. Only its hash is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="one_time_codes")
    purpose = models.CharField(max_length=32, default="login")
    code_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("一次性验证码")
        verbose_name_plural = _("一次性验证码")
        indexes = [models.Index(fields=["user", "purpose", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.purpose} code for {self.user}"


class ApiToken(models.Model):
    """A bearer token a system uses for the API. The secret is shown once; we keep its hash."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("用途"), max_length=100)
    prefix = models.CharField(max_length=12, unique=True)
    key_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("接口令牌")
        verbose_name_plural = _("接口令牌")

    def __str__(self) -> str:
        return f"{self.prefix} ({self.name})"

    @staticmethod
    def hash_key(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

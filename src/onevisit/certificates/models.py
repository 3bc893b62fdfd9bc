from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class IssuerKey(models.Model):
    """An ES256 signing key of one issuing department (签发密钥).

    The newest unretired key signs; every unretired key stays in the JWKS so
    certificates signed before a rotation keep verifying. The private half is
    never served (see keys.issuer_jwks).
    """

    department = models.ForeignKey(
        "accounts.Department", verbose_name=_("签发部门"), on_delete=models.PROTECT, related_name="issuer_keys"
    )
    kid = models.CharField(_("密钥标识"), max_length=64, unique=True)
    private_jwk = models.JSONField(_("私钥"))
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    retired_at = models.DateTimeField(_("停用时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("签发密钥")
        verbose_name_plural = _("签发密钥")
        ordering = ["department", "-created_at", "-id"]

    def __str__(self) -> str:
        return self.kid


class HolderKind(models.TextChoices):
    PERSON = "person", _("自然人")
    ENTERPRISE = "enterprise", _("法人")


class CertificateStatus(models.TextChoices):
    VALID = "valid", _("有效")
    SUSPENDED = "suspended", _("已中止")
    REVOKED = "revoked", _("已撤销")
    CANCELLED = "cancelled", _("已注销")


class CertificateSource(models.TextChoices):
    CASE = "case", _("办件决定")
    REGISTRY = "registry", _("存量证照（部门登记）")


class StatusList(models.Model):
    """The Token Status List of one issuing department (证照状态列表).

    ``next_index`` is the allocation counter: an issuer takes an index by locking this row, so two
    certificates of one department never share an index (a unique constraint on Certificate backs it up).
    The statuses themselves are read from the certificates when the list is built; ``version``
    goes up whenever one of the department's certificates is changed or deleted (a new one moves
    ``next_index``), so a built list is reused until then (``publishing.status_list_token_current``).
    """

    department = models.OneToOneField(
        "accounts.Department", verbose_name=_("签发部门"), on_delete=models.PROTECT, related_name="status_list"
    )
    bits = models.PositiveSmallIntegerField(_("每项位数"), default=2)
    next_index = models.PositiveIntegerField(_("下一个序号"), default=0)
    version = models.PositiveIntegerField(_("版本"), default=0)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("证照状态列表")
        verbose_name_plural = _("证照状态列表")

    def __str__(self) -> str:
        return f"{self.department} ({self.next_index})"


class Certificate(models.Model):
    """An electronic certificate (电子证照) held in the wallet, signed as an SD-JWT VC.

    The holder is a person (resident ID number) or an enterprise (USCC); ``holder_user`` links the
    citizen account when one exists. ``source`` + ``source_reference`` say where it came from (a case
    reference, or a registry record and its version) and are unique: issuing twice from the same source
    returns the first certificate.
    """

    identifier = models.CharField(_("证照标识"), max_length=128, unique=True)
    certificate_type = models.ForeignKey(
        "catalogue.CertificateType", verbose_name=_("证照类型"), on_delete=models.PROTECT, related_name="certificates"
    )
    number = models.CharField(_("证照编号"), max_length=64, blank=True)
    holder_kind = models.CharField(_("持证主体类型"), max_length=16, choices=HolderKind.choices)
    holder_id = models.CharField(_("持证主体代码"), max_length=18, db_index=True)
    holder_name = models.CharField(_("持证主体名称"), max_length=200)
    holder_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("持证人账号"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="certificates",
    )
    department = models.ForeignKey(
        "accounts.Department", verbose_name=_("签发部门"), on_delete=models.PROTECT, related_name="certificates"
    )
    data = models.JSONField(_("证面信息"), default=dict)
    issued_at = models.DateTimeField(_("签发时间"), default=timezone.now)
    valid_until = models.DateField(_("有效期至"), null=True, blank=True)
    status = models.CharField(
        _("状态"), max_length=16, choices=CertificateStatus.choices, default=CertificateStatus.VALID
    )
    status_reason = models.TextField(_("状态变更理由"), blank=True)
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("状态变更人"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )
    status_changed_at = models.DateTimeField(_("状态变更时间"), null=True, blank=True)
    status_index = models.PositiveIntegerField(_("状态列表序号"))
    sd_jwt = models.TextField(_("签名凭证（SD-JWT VC）"))
    source = models.CharField(_("来源"), max_length=16, choices=CertificateSource.choices)
    source_reference = models.CharField(_("来源编号"), max_length=200)
    case = models.ForeignKey(
        "cases.Case", verbose_name=_("办件"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(_("版本"), default=1)
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)

    class Meta:
        verbose_name = _("电子证照")
        verbose_name_plural = _("电子证照")
        ordering = ["-issued_at", "-id"]
        indexes = [models.Index(fields=["holder_id", "certificate_type", "status"], name="cert_holder_type_idx")]
        constraints = [
            models.UniqueConstraint(fields=["department", "status_index"], name="cert_status_index_unique"),
            models.UniqueConstraint(fields=["source", "source_reference"], name="cert_source_unique"),
            models.CheckConstraint(condition=Q(status__in=CertificateStatus.values), name="cert_status_valid"),
            models.CheckConstraint(condition=Q(holder_kind__in=HolderKind.values), name="cert_holder_kind_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.certificate_type} {self.identifier}"

    @property
    def is_valid(self) -> bool:
        return self.status == CertificateStatus.VALID


class CertificateAction(models.TextChoices):
    ISSUED = "issued", _("签发")
    SUSPENDED = "suspended", _("中止")
    RESUMED = "resumed", _("恢复")
    REVOKED = "revoked", _("撤销")
    CANCELLED = "cancelled", _("注销")


class CertificateEvent(models.Model):
    """One step in a certificate's life (证照记录): issued, suspended, resumed, revoked, cancelled."""

    certificate = models.ForeignKey(
        Certificate, verbose_name=_("电子证照"), on_delete=models.CASCADE, related_name="events"
    )
    action = models.CharField(_("动作"), max_length=16, choices=CertificateAction.choices)
    at = models.DateTimeField(_("时间"), default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("操作人"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )
    actor_name = models.CharField(_("操作人姓名"), max_length=64, blank=True)
    reason = models.TextField(_("理由"), blank=True)

    class Meta:
        verbose_name = _("证照记录")
        verbose_name_plural = _("证照记录")
        ordering = ["certificate", "at", "id"]

    def __str__(self) -> str:
        return f"{self.certificate_id} {self.action}"


class HolderKey(models.Model):
    """The P-256 key of one holder, kept by the platform (托管钱包密钥).

    The wallet is custodial: the platform signs key-binding JWTs for the logged-in holder with it.
    Its public half goes into each certificate's ``cnf.jwk``.
    """

    holder_id = models.CharField(_("持证主体代码"), max_length=18, unique=True)
    private_jwk = models.JSONField(_("私钥"))
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)

    class Meta:
        verbose_name = _("持证人密钥")
        verbose_name_plural = _("持证人密钥")

    def __str__(self) -> str:
        return self.holder_id


class RegistryImport(models.Model):
    """When a holder's existing certificates were last pulled from the registries (存量证照归集)."""

    holder_id = models.CharField(_("持证主体代码"), max_length=18, unique=True)
    imported_at = models.DateTimeField(_("归集时间"), default=timezone.now)
    issued = models.PositiveIntegerField(_("新签发数"), default=0)

    class Meta:
        verbose_name = _("存量证照归集")
        verbose_name_plural = _("存量证照归集")

    def __str__(self) -> str:
        return f"{self.holder_id} @ {self.imported_at:%Y-%m-%d}"


# --- Presentation and verification (出示与核验) -------------------------------------------------


class VerificationChannel(models.TextChoices):
    PUBLIC = "public", _("公开核验页")
    WORKBENCH = "workbench", _("工作台核验")
    API = "api", _("接口")


class VerifierRequest(models.Model):
    """One verifier's request to see a certificate (核验请求): a fresh nonce, used once.

    A presentation is bound to ``nonce`` and ``aud`` by the holder's key-binding JWT. The request
    expires after a few minutes and is used by the first presentation that answers it, so a copied
    presentation cannot be shown again. ``result`` is the outcome of that one use.
    """

    code = models.CharField(_("核验码"), max_length=16, unique=True)
    nonce = models.CharField(_("随机数"), max_length=64, unique=True)
    aud = models.CharField(_("核验方标识"), max_length=300)
    verifier_name = models.CharField(_("核验方名称"), max_length=200)
    department = models.ForeignKey(
        "accounts.Department", verbose_name=_("核验部门"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )
    purpose = models.CharField(_("核验用途"), max_length=200, blank=True)
    open_to_anyone = models.BooleanField(_("向任何人出示"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("创建人"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)
    expires_at = models.DateTimeField(_("过期时间"))
    used_at = models.DateTimeField(_("使用时间"), null=True, blank=True)
    result = models.CharField(_("核验结果"), max_length=32, blank=True)

    class Meta:
        verbose_name = _("核验请求")
        verbose_name_plural = _("核验请求")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.code} {self.verifier_name}"


class Verification(models.Model):
    """One verification done here (核验记录): who, when, through which page, and the outcome.

    Holds the names of the disclosed fields, never their values: the verifier saw them, the
    platform does not keep them.
    """

    request = models.ForeignKey(
        VerifierRequest, verbose_name=_("核验请求"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="verifications",
    )
    verified_at = models.DateTimeField(_("核验时间"), default=timezone.now)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("核验人"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )
    department = models.ForeignKey(
        "accounts.Department", verbose_name=_("核验部门"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )
    channel = models.CharField(_("核验渠道"), max_length=16, choices=VerificationChannel.choices)
    result = models.CharField(_("核验结果"), max_length=32)
    issuer = models.CharField(_("签发方"), max_length=300, blank=True)
    vct = models.CharField(_("证照类型"), max_length=200, blank=True)
    disclosed_fields = models.JSONField(_("出示的字段"), default=list)

    class Meta:
        verbose_name = _("核验记录")
        verbose_name_plural = _("核验记录")
        ordering = ["-verified_at", "-id"]

    def __str__(self) -> str:
        return f"{self.verified_at:%Y-%m-%d %H:%M} {self.result}"

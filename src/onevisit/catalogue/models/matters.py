"""Government service matters (政务服务事项) and the materials (申请材料) each one needs."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from onevisit.accounts.models import Sector
from onevisit.core.models import RegionLevel


class MatterType(models.TextChoices):
    LICENSING = "licensing", _("行政许可")
    CONFIRMATION = "confirmation", _("行政确认")
    PAYMENT = "payment", _("行政给付")
    ADJUDICATION = "adjudication", _("行政裁决")
    AWARD = "award", _("行政奖励")
    FILING = "filing", _("行政备案")
    OTHER_POWER = "other_power", _("其他行政权力")
    PUBLIC_SERVICE = "public_service", _("公共服务")


class ApplicantType(models.TextChoices):
    PERSON = "person", _("自然人")
    ENTERPRISE = "enterprise", _("法人")
    BOTH = "both", _("自然人、法人")


class CaseType(models.TextChoices):
    IMMEDIATE = "immediate", _("即办件")
    COMMITTED = "committed", _("承诺件")


class Delivery(models.TextChoices):
    ELECTRONIC = "electronic", _("电子送达")
    POST = "post", _("邮寄送达")
    COLLECT = "collect", _("窗口领取")


class Provider(models.TextChoices):
    """Who delivers the service: a government department, or a public utility or bank that a
    bundle coordinates (供电、供水、银行) under the competent department's supervision."""

    GOVERNMENT = "government", _("政府部门")
    UTILITY = "utility", _("公用事业单位")
    BANK = "bank", _("银行")


class Matter(models.Model):
    """One government service matter with the standard published fields (办事指南要素)."""

    code = models.CharField(_("事项编码"), max_length=32, unique=True)
    name = models.CharField(_("事项名称"), max_length=128)
    name_en = models.CharField(_("英文名称"), max_length=200, blank=True)
    pinyin_initials = models.CharField(_("拼音首字母"), max_length=128, db_index=True, editable=False)
    matter_type = models.CharField(_("事项类型"), max_length=16, choices=MatterType.choices)
    competent_sector = models.CharField(_("主管部门条线"), max_length=8, choices=Sector.choices)
    implementing_level = models.CharField(_("实施层级"), max_length=16, choices=RegionLevel.choices)
    provider = models.CharField(_("服务提供方"), max_length=16, choices=Provider.choices,
                                default=Provider.GOVERNMENT)
    provider_name = models.CharField(_("服务单位"), max_length=128, blank=True)
    legal_basis = models.TextField(_("设定依据"), blank=True)
    applicant_type = models.CharField(_("服务对象"), max_length=16, choices=ApplicantType.choices)
    case_type = models.CharField(_("办件类型"), max_length=16, choices=CaseType.choices)
    # Working days; None: no limit set by law. 0 committed: decided the same day.
    statutory_limit_days = models.PositiveIntegerField(_("法定办结时限（工作日）"), null=True, blank=True)
    statutory_limit_note = models.CharField(_("法定时限说明"), max_length=300, blank=True)
    committed_limit_days = models.PositiveIntegerField(_("承诺办结时限（工作日）"), null=True, blank=True)
    committed_limit_note = models.CharField(_("承诺时限说明"), max_length=300, blank=True)
    fee_free = models.BooleanField(_("不收费"), default=True)
    fee_note = models.CharField(_("收费标准及依据"), max_length=300, blank=True)
    result_name = models.CharField(_("办理结果"), max_length=200, blank=True)
    result_certificate = models.ForeignKey(
        "catalogue.CertificateType", verbose_name=_("结果证照类型"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="issued_by_matters",
    )
    delivery = models.JSONField(_("送达方式"), default=list)
    online = models.BooleanField(_("可网上办"), default=True)
    mobile = models.BooleanField(_("可掌上办"), default=True)
    conditions = models.TextField(_("受理条件"), blank=True)
    in_person_check = models.BooleanField(_("须本人到场"), default=False)
    in_person_reason = models.CharField(_("到场原因"), max_length=300, blank=True)
    # The matter's own BPMN 2.0 process (XML); empty runs the default accept → review → decide.
    process_bpmn = models.TextField(_("办理流程（BPMN）"), blank=True)

    class Meta:
        verbose_name = _("政务服务事项")
        verbose_name_plural = _("政务服务事项")
        ordering = ["code"]
        indexes = [models.Index(fields=["competent_sector", "code"])]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class MaterialSource(models.TextChoices):
    """Where a material comes from; only ``original`` makes the applicant come to a window."""

    SHARED = "shared", _("部门共享获取")
    CERTIFICATE = "certificate", _("电子证照")
    FORM = "form", _("在线填写")
    UPLOAD = "upload", _("上传")
    ORIGINAL = "original", _("现场出示原件")


class Material(models.Model):
    """One material of a matter (申请材料) and how the platform obtains it."""

    matter = models.ForeignKey(Matter, verbose_name=_("事项"), on_delete=models.CASCADE, related_name="materials")
    position = models.PositiveSmallIntegerField(_("顺序"), default=0)
    name = models.CharField(_("材料名称"), max_length=200)
    source = models.CharField(_("来源"), max_length=16, choices=MaterialSource.choices)
    # shared: the exchange data item and the fields the matter needs of it
    data_item = models.CharField(_("共享数据项"), max_length=64, blank=True)
    data_fields = models.JSONField(_("共享字段"), default=list, blank=True)
    # certificate: the e-certificate type
    certificate_type = models.ForeignKey(
        "catalogue.CertificateType", verbose_name=_("电子证照类型"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="materials",
    )
    # form: keys of the province form dictionary (FormField.key)
    form_fields = models.JSONField(_("表单字段"), default=list, blank=True)
    # upload: accepted file types and size
    accepted_types = models.JSONField(_("文件格式"), default=list, blank=True)
    max_size_mb = models.PositiveSmallIntegerField(_("大小上限（MB）"), null=True, blank=True)
    required = models.BooleanField(_("必要"), default=True)
    condition = models.CharField(_("适用情形"), max_length=300, blank=True)
    waivable_by_commitment = models.BooleanField(_("可告知承诺"), default=False)
    supply_later = models.BooleanField(_("可容缺后补"), default=False)

    class Meta:
        verbose_name = _("申请材料")
        verbose_name_plural = _("申请材料")
        ordering = ["matter", "position"]

    def __str__(self) -> str:
        return self.name

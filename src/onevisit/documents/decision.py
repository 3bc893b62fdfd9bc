"""Decision documents (决定书): what an officer decided on one case, as a PDF for the applicant.

The cases app builds a ``DecisionDocument`` from a decided case and calls
``render_decision_pdf``; this module knows nothing about cases, so it can be tested and sampled
on its own.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal, get_args

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from onevisit.core.errors import ValidationFailed
from onevisit.documents.pdf import pdf_render
from onevisit.documents.seal import seal_layout

Outcome = Literal["approved", "rejected"]
DeliveryMethod = Literal["electronic", "post", "collect"]

# The document is an official Chinese text in every interface language, so these labels are plain
# Chinese and not translated (the same values as the catalogue's delivery choices).
DELIVERY_LABELS: dict[str, str] = {
    "electronic": "电子送达",
    "post": "邮寄送达",
    "collect": "窗口领取",
}
TITLES: dict[str, str] = {
    "approved": "准予办理决定书",
    "rejected": "不予办理决定书",
}


@dataclass(frozen=True, kw_only=True)
class DecisionDocument:
    """Everything printed on one decision document (决定书); invalid content raises on creation.

    Raises ``ValidationFailed`` listing every wrong field: an unknown outcome or delivery method,
    a rejection without a reason, a blank required text, or a date without a timezone.
    """

    number: str  # document number (文号), e.g. 浙杭西民决〔2026〕00042号
    case_reference: str
    application_reference: str
    matter_code: str
    matter_name: str
    department_name: str
    department_code: str
    applicant_name: str
    applicant_id_masked: str
    enterprise_name: str | None = None  # set when the application was made for an enterprise
    outcome: Outcome
    reason: str = ""  # required when rejected; an optional note when approved
    legal_basis: str = ""
    result_name: str = ""  # what is issued, e.g. 营业执照 or 准予登记
    certificate_type_code: str | None = None  # when the result is an e-certificate
    delivery_method: DeliveryMethod
    decided_by: str
    decided_at: datetime
    submitted_at: datetime
    accepted_at: datetime | None = None
    verify_url: str | None = None  # printed as text only, never fetched

    def __post_init__(self) -> None:
        problems: list[tuple[str, Any]] = []
        for name in ("number", "case_reference", "application_reference", "matter_code",
                     "matter_name", "department_name", "department_code", "applicant_name",
                     "applicant_id_masked", "decided_by"):
            if not str(getattr(self, name) or "").strip():
                problems.append((name, _("不能为空。")))
        if self.outcome not in get_args(Outcome):
            problems.append(("outcome", _("只能是 approved 或 rejected。")))
        elif self.outcome == "rejected" and not (self.reason or "").strip():
            problems.append(("reason", _("不予办理时必须写明理由。")))
        if self.delivery_method not in get_args(DeliveryMethod):
            problems.append(("delivery_method", _("只能是 electronic、post 或 collect。")))
        for name in ("decided_at", "submitted_at", "accepted_at"):
            value = getattr(self, name)
            if value is None and name == "accepted_at":
                continue
            if not isinstance(value, datetime) or timezone.is_naive(value):
                problems.append((name, _("必须是带时区的日期时间。")))
        if len(problems) == 1:
            raise ValidationFailed.for_field(*problems[0])
        if problems:
            raise ValidationFailed(
                _("决定书内容有误。"),
                details=[{"field": field, "message": str(message)} for field, message in problems],
            )

    @property
    def approved(self) -> bool:
        return self.outcome == "approved"

    @property
    def title(self) -> str:
        return TITLES[self.outcome]


def render_decision_pdf(document: DecisionDocument) -> bytes:
    """The decision document as an A4 PDF with its CJK fonts embedded, always in Chinese.

    The same document gives the same bytes: the PDF's dates are the decision's, not the clock's.
    Raises ``DocumentFontMissing`` when the server lacks the CJK fonts.
    """
    return pdf_render(
        "documents/decision.html",
        decision_context(document),
        title=f"{document.title} {document.number}",
        author=document.department_name,
        created=document.decided_at,
    )


def decision_context(document: DecisionDocument) -> dict[str, Any]:
    """What the template shows, with dates already written the Chinese way in local time."""
    return {
        "doc": document,
        "title": document.title,
        "decided_on": chinese_date(document.decided_at),
        "submitted_on": chinese_date(document.submitted_at),
        "accepted_on": chinese_date(document.accepted_at) if document.accepted_at else "",
        "delivery_label": DELIVERY_LABELS[document.delivery_method],
        "seal": seal_layout(document.department_name),
    }


def chinese_date(moment: datetime) -> str:
    """2026年11月22日, on the calendar of the platform's time zone (the decision's local day)."""
    local = timezone.localtime(moment)
    return f"{local.year}年{local.month}月{local.day}日"

"""Provider API of the tax registry: taxpayer registration and the taxpayer credit grade."""

from onevisit.registries.contract import FieldType as T
from onevisit.registries.contract import ItemSpec, Record, RegistryProvider, SubjectType
from onevisit.registries.items import PUBLIC, enterprise_subject, f, record
from onevisit.registries.tax.models import TaxCreditRating, TaxRegistration

CODE = "tax"
PROVIDER = RegistryProvider(code=CODE, name="税务登记库（税务）")

REGISTRATION = ItemSpec(
    code="tax.registration", name="税务登记信息", name_en="Tax registration", subject_type=SubjectType.ENTERPRISE,
    update_frequency="daily",
    fields=(
        f("uscc", T.USCC, "纳税人识别号", "Taxpayer identification number", PUBLIC),
        f("taxpayer_name", T.STRING, "纳税人名称", "Taxpayer name", PUBLIC),
        f("tax_types", T.LIST, "税种", "Taxes registered for"),
        f("registered_on", T.DATE, "登记日期", "Registered on"),
        f("tax_authority", T.STRING, "主管税务机关", "Tax office in charge", PUBLIC),
        f("status", T.STRING, "纳税人状态", "Status (normal / irregular / deregistered)"),
    ),
)
CREDIT_GRADE = ItemSpec(
    code="tax.credit_grade", name="纳税信用等级", name_en="Taxpayer credit grade", subject_type=SubjectType.ENTERPRISE,
    update_frequency="yearly",
    fields=(
        f("year", T.INTEGER, "评价年度", "Year assessed", PUBLIC),
        f("grade", T.STRING, "纳税信用级别", "Grade (A, B, M, C, D)", PUBLIC),
    ),
)


def registration(subject: str, fields: tuple[str, ...]) -> list[Record]:
    uscc = enterprise_subject(subject, provider=CODE)
    return [record(REGISTRATION.code, uscc, t, {
        "uscc": t.uscc, "taxpayer_name": t.taxpayer_name, "tax_types": [x for x in t.tax_types.split(",") if x],
        "registered_on": t.registered_on, "tax_authority": t.tax_authority, "status": t.status,
    }, source=CODE, record_id=t.uscc) for t in TaxRegistration.objects.filter(uscc=uscc)]


def credit_grade(subject: str, fields: tuple[str, ...]) -> list[Record]:
    """Every assessed year, newest first."""
    uscc = enterprise_subject(subject, provider=CODE)
    return [record(CREDIT_GRADE.code, uscc, g, {"year": g.year, "grade": g.grade}, source=CODE,
                   record_id=f"{g.uscc}-{g.year}")
            for g in TaxCreditRating.objects.filter(uscc=uscc).order_by("-year")]


PROVIDER.register(REGISTRATION, registration)
PROVIDER.register(CREDIT_GRADE, credit_grade)

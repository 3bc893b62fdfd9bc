"""Provider API of the market-entity registry: an enterprise's registration, and the enterprises a
person represents."""

from onevisit.registries.contract import FieldType as T
from onevisit.registries.contract import ItemSpec, Record, RegistryProvider, SubjectType
from onevisit.registries.enterprise.models import Enterprise
from onevisit.registries.items import (
    PUBLIC,
    SENSITIVE,
    enterprise_subject,
    f,
    person_subject,
    record,
)

CODE = "enterprise"
PROVIDER = RegistryProvider(code=CODE, name="市场主体库（市场监管）")

REGISTRATION = ItemSpec(
    code="enterprise.registration", name="企业登记信息", name_en="Enterprise registration",
    subject_type=SubjectType.ENTERPRISE,
    fields=(
        f("uscc", T.USCC, "统一社会信用代码", "Unified social credit code", PUBLIC),
        f("name", T.STRING, "名称", "Name", PUBLIC),
        f("entity_type", T.STRING, "类型", "Entity type", PUBLIC),
        f("legal_representative_name", T.STRING, "法定代表人", "Legal representative", PUBLIC),
        f("legal_representative_id_number", T.ID_NUMBER, "法定代表人身份号码", "Legal representative's ID number",
          SENSITIVE),
        f("registered_capital", T.DECIMAL, "注册资本（万元）", "Registered capital (10,000 yuan)", PUBLIC),
        f("founded_on", T.DATE, "成立日期", "Founded on", PUBLIC),
        f("address", T.STRING, "住所", "Registered address", PUBLIC),
        f("division_code", T.STRING, "登记机关区划代码", "Division code of the registration authority", PUBLIC),
        f("business_scope", T.STRING, "经营范围", "Business scope", PUBLIC),
        f("status", T.STRING, "登记状态", "Status (active / abnormal / deregistered)", PUBLIC),
        f("shareholders", T.LIST, "股东及出资", "Shareholders (name, id_number, contribution, share_percent)",
          SENSITIVE),
    ),
)
REPRESENTED = ItemSpec(
    code="enterprise.legal_representative_of", name="担任法定代表人的企业",
    name_en="Enterprises the person legally represents", subject_type=SubjectType.PERSON,
    fields=(
        f("uscc", T.USCC, "统一社会信用代码", "Unified social credit code", PUBLIC),
        f("name", T.STRING, "名称", "Name", PUBLIC),
        f("entity_type", T.STRING, "类型", "Entity type", PUBLIC),
        f("founded_on", T.DATE, "成立日期", "Founded on", PUBLIC),
        f("status", T.STRING, "登记状态", "Status", PUBLIC),
    ),
)


def registration(subject: str, fields: tuple[str, ...]) -> list[Record]:
    uscc = enterprise_subject(subject, provider=CODE)
    out = []
    for e in Enterprise.objects.filter(uscc=uscc):
        shareholders = [{"name": s.name, "id_number": s.id_number, "contribution": str(s.contribution),
                         "share_percent": str(s.share_percent)} for s in e.shareholders.order_by("-share_percent", "id")]
        out.append(record(REGISTRATION.code, uscc, e, {
            "uscc": e.uscc, "name": e.name, "entity_type": e.entity_type, "legal_representative_name": e.legal_rep_name,
            "legal_representative_id_number": e.legal_rep_id_number, "registered_capital": e.registered_capital,
            "founded_on": e.founded_on, "address": e.address, "division_code": e.division_code,
            "business_scope": e.business_scope, "status": e.status, "shareholders": shareholders,
        }, source=CODE, record_id=e.uscc))
    return out


def legal_representative_of(subject: str, fields: tuple[str, ...]) -> list[Record]:
    number = person_subject(subject, provider=CODE)
    return [record(REPRESENTED.code, number, e, {
        "uscc": e.uscc, "name": e.name, "entity_type": e.entity_type, "founded_on": e.founded_on, "status": e.status,
    }, source=CODE, record_id=e.uscc) for e in Enterprise.objects.filter(legal_rep_id_number=number).order_by("uscc")]


PROVIDER.register(REGISTRATION, registration)
PROVIDER.register(REPRESENTED, legal_representative_of)

"""Provider API of the real-estate register: the properties a person owns."""

from onevisit.registries.contract import FieldType as T
from onevisit.registries.contract import ItemSpec, Record, RegistryProvider, SubjectType
from onevisit.registries.items import SENSITIVE, f, person_subject, record
from onevisit.registries.real_estate.models import Ownership

CODE = "real_estate"
PROVIDER = RegistryProvider(code=CODE, name="不动产登记库（自然资源）")

PROPERTY = ItemSpec(
    code="real_estate.property", name="不动产权属信息", name_en="Real estate owned", subject_type=SubjectType.PERSON,
    fields=(
        f("unit_number", T.STRING, "不动产单元号", "Real estate unit number"),
        f("certificate_number", T.STRING, "不动产权证书号", "Title certificate number"),
        f("address", T.STRING, "坐落", "Location", SENSITIVE),
        f("area", T.DECIMAL, "建筑面积（平方米）", "Floor area (m²)", SENSITIVE),
        f("use", T.STRING, "用途", "Use"),
        f("right_type", T.STRING, "权利类型", "Type of right"),
        f("share_percent", T.DECIMAL, "份额（%）", "Share (%)", SENSITIVE),
        f("co_owners", T.LIST, "共有人", "Co-owners (id_number, name, share_percent)", SENSITIVE),
        f("registered_on", T.DATE, "登记日期", "Registered on"),
        f("mortgaged", T.BOOLEAN, "抵押状态", "Mortgaged", SENSITIVE),
    ),
)


def owned_properties(subject: str, fields: tuple[str, ...]) -> list[Record]:
    number = person_subject(subject, provider=CODE)
    out = []
    for own in Ownership.objects.filter(owner_id_number=number).select_related("property").order_by("id"):
        p = own.property
        co_owners = [{"id_number": o.owner_id_number, "name": o.owner_name, "share_percent": str(o.share_percent)}
                     for o in p.owners.exclude(pk=own.pk).order_by("id")]
        out.append(record(PROPERTY.code, number, p, {
            "unit_number": p.unit_number, "certificate_number": p.certificate_number, "address": p.address,
            "area": p.area, "use": p.use, "right_type": p.right_type, "share_percent": own.share_percent,
            "co_owners": co_owners, "registered_on": p.registered_on, "mortgaged": p.mortgaged,
        }, source=CODE, record_id=p.unit_number, updated_at=max(p.updated_at, own.updated_at)))
    return out


PROVIDER.register(PROPERTY, owned_properties)

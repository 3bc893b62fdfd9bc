"""Provider API of the disabled persons' database: a person's disability certificate."""

from onevisit.registries.contract import FieldType as T
from onevisit.registries.contract import ItemSpec, Record, RegistryProvider, SubjectType
from onevisit.registries.disability.models import DisabilityCertificate
from onevisit.registries.items import SENSITIVE, f, person_subject, record

CODE = "disability"
PROVIDER = RegistryProvider(code=CODE, name="残疾人库（残联）")

CERTIFICATE = ItemSpec(
    code="disability.certificate", name="残疾人证信息", name_en="Disability certificate",
    subject_type=SubjectType.PERSON,
    fields=(
        f("certificate_number", T.STRING, "残疾人证号", "Certificate number", SENSITIVE),
        f("category", T.STRING, "残疾类别", "Category (1 visual … 7 multiple)", SENSITIVE),
        f("category_name", T.STRING, "残疾类别名称", "Category name", SENSITIVE),
        f("grade", T.INTEGER, "残疾等级", "Grade (1 most severe … 4)", SENSITIVE),
        f("issued_on", T.DATE, "发证日期", "Issued on", SENSITIVE),
        f("valid_until", T.DATE, "有效期至", "Valid until", SENSITIVE),
        f("guardian_name", T.STRING, "监护人", "Guardian", SENSITIVE),
    ),
)


def certificate(subject: str, fields: tuple[str, ...]) -> list[Record]:
    number = person_subject(subject, provider=CODE)
    return [record(CERTIFICATE.code, number, c, {
        "certificate_number": c.certificate_number, "category": c.category,
        "category_name": str(c.get_category_display()), "grade": c.grade, "issued_on": c.issued_on,
        "valid_until": c.valid_until, "guardian_name": c.guardian_name,
    }, source=CODE, record_id=c.certificate_number)
        for c in DisabilityCertificate.objects.filter(id_number=number)]


PROVIDER.register(CERTIFICATE, certificate)

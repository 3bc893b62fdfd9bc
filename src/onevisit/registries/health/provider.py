"""Provider API of the health information system: birth medical certificates and vaccinations."""

from django.db.models import Q

from onevisit.registries.contract import FieldType as T
from onevisit.registries.contract import ItemSpec, Record, RegistryProvider, SubjectType
from onevisit.registries.health.models import BirthMedicalCertificate, Vaccination
from onevisit.registries.items import SENSITIVE, f, person_subject, record

CODE = "health"
PROVIDER = RegistryProvider(code=CODE, name="卫生健康库（卫健）")

BIRTH_CERTIFICATE = ItemSpec(
    code="health.birth_certificate", name="出生医学证明", name_en="Birth medical certificates of a parent's children",
    subject_type=SubjectType.PERSON,
    fields=(
        f("certificate_number", T.STRING, "出生医学证明编号", "Certificate number", SENSITIVE),
        f("child_name", T.STRING, "新生儿姓名", "Child's name", SENSITIVE),
        f("child_id_number", T.ID_NUMBER, "新生儿身份号码", "Child's ID number", SENSITIVE),
        f("sex", T.STRING, "性别", "Sex", SENSITIVE),
        f("born_at", T.DATETIME, "出生时间", "Born at", SENSITIVE),
        f("weight_grams", T.INTEGER, "出生体重（克）", "Birth weight (g)", SENSITIVE),
        f("hospital", T.STRING, "接生机构", "Hospital", SENSITIVE),
        f("mother_id_number", T.ID_NUMBER, "母亲身份号码", "Mother's ID number", SENSITIVE),
        f("mother_name", T.STRING, "母亲姓名", "Mother's name", SENSITIVE),
        f("father_id_number", T.ID_NUMBER, "父亲身份号码", "Father's ID number", SENSITIVE),
        f("father_name", T.STRING, "父亲姓名", "Father's name", SENSITIVE),
    ),
)
VACCINATION = ItemSpec(
    code="health.vaccination", name="预防接种记录", name_en="Vaccination records", subject_type=SubjectType.PERSON,
    update_frequency="daily",
    fields=(
        f("vaccine", T.STRING, "疫苗", "Vaccine", SENSITIVE),
        f("dose", T.INTEGER, "剂次", "Dose", SENSITIVE),
        f("administered_on", T.DATE, "接种日期", "Administered on", SENSITIVE),
        f("clinic", T.STRING, "接种单位", "Clinic", SENSITIVE),
    ),
)


def birth_certificates(subject: str, fields: tuple[str, ...]) -> list[Record]:
    """The subject is a parent: the certificates of the children they are mother or father of."""
    number = person_subject(subject, provider=CODE)
    rows = BirthMedicalCertificate.objects.filter(Q(mother_id_number=number) | Q(father_id_number=number))
    return [record(BIRTH_CERTIFICATE.code, number, c, {
        "certificate_number": c.certificate_number, "child_name": c.child_name, "child_id_number": c.child_id_number,
        "sex": c.sex, "born_at": c.born_at, "weight_grams": c.weight_grams, "hospital": c.hospital,
        "mother_id_number": c.mother_id_number, "mother_name": c.mother_name,
        "father_id_number": c.father_id_number, "father_name": c.father_name,
    }, source=CODE, record_id=c.certificate_number) for c in rows.order_by("born_at")]


def vaccinations(subject: str, fields: tuple[str, ...]) -> list[Record]:
    number = person_subject(subject, provider=CODE)
    return [record(VACCINATION.code, number, v, {
        "vaccine": v.vaccine, "dose": v.dose, "administered_on": v.administered_on, "clinic": v.clinic,
    }, source=CODE) for v in Vaccination.objects.filter(child_id_number=number).order_by("administered_on", "id")]


PROVIDER.register(BIRTH_CERTIFICATE, birth_certificates)
PROVIDER.register(VACCINATION, vaccinations)

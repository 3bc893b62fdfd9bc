"""Provider API of the education registry: school enrolment and diplomas."""

from onevisit.registries.contract import FieldType as T
from onevisit.registries.contract import ItemSpec, Record, RegistryProvider, SubjectType
from onevisit.registries.education.models import Diploma, SchoolEnrolment
from onevisit.registries.items import f, person_subject, record

CODE = "education"
PROVIDER = RegistryProvider(code=CODE, name="教育库（教育）")

ENROLMENT = ItemSpec(
    code="education.enrolment", name="学籍信息", name_en="School enrolment", subject_type=SubjectType.PERSON,
    update_frequency="daily",
    fields=(
        f("school", T.STRING, "学校", "School"),
        f("level", T.STRING, "学段", "Stage"),
        f("grade", T.INTEGER, "年级", "Year"),
        f("enrolled_on", T.DATE, "入学日期", "Enrolled on"),
        f("status", T.STRING, "学籍状态", "Status"),
    ),
)
DIPLOMA = ItemSpec(
    code="education.diploma", name="学历证书", name_en="Diplomas", subject_type=SubjectType.PERSON,
    update_frequency="yearly",
    fields=(
        f("certificate_number", T.STRING, "证书编号", "Certificate number"),
        f("school", T.STRING, "学校", "School"),
        f("level", T.STRING, "层次", "Level"),
        f("major", T.STRING, "专业", "Major"),
        f("graduated_on", T.DATE, "毕业日期", "Graduated on"),
    ),
)


def enrolment(subject: str, fields: tuple[str, ...]) -> list[Record]:
    number = person_subject(subject, provider=CODE)
    return [record(ENROLMENT.code, number, e, {
        "school": e.school, "level": e.level, "grade": e.grade, "enrolled_on": e.enrolled_on, "status": e.status,
    }, source=CODE) for e in SchoolEnrolment.objects.filter(id_number=number).order_by("-enrolled_on")]


def diplomas(subject: str, fields: tuple[str, ...]) -> list[Record]:
    number = person_subject(subject, provider=CODE)
    return [record(DIPLOMA.code, number, d, {
        "certificate_number": d.certificate_number, "school": d.school, "level": d.level, "major": d.major,
        "graduated_on": d.graduated_on,
    }, source=CODE, record_id=d.certificate_number)
        for d in Diploma.objects.filter(id_number=number).order_by("-graduated_on")]


PROVIDER.register(ENROLMENT, enrolment)
PROVIDER.register(DIPLOMA, diplomas)

"""Provider API of the medical insurance registry: a person's enrolment."""

from onevisit.registries.contract import FieldType as T
from onevisit.registries.contract import ItemSpec, Record, RegistryProvider, SubjectType
from onevisit.registries.items import f, person_subject, record
from onevisit.registries.medical_insurance.models import MedicalEnrolment

CODE = "medical_insurance"
PROVIDER = RegistryProvider(code=CODE, name="医疗保障库（医保）")

ENROLMENT = ItemSpec(
    code="medical_insurance.enrolment", name="医保参保信息", name_en="Medical insurance enrolment",
    subject_type=SubjectType.PERSON, update_frequency="daily",
    fields=(
        f("insurance_type", T.STRING, "险种", "Scheme (employee / resident)"),
        f("unit_uscc", T.USCC, "参保单位代码", "Employer's USCC"),
        f("unit_name", T.STRING, "参保单位", "Employer"),
        f("enrolled_on", T.DATE, "参保日期", "Enrolled on"),
        f("contribution_years", T.INTEGER, "累计缴费年限", "Contribution years"),
        f("status", T.STRING, "参保状态", "Status"),
    ),
)


def enrolment(subject: str, fields: tuple[str, ...]) -> list[Record]:
    number = person_subject(subject, provider=CODE)
    return [record(ENROLMENT.code, number, e, {
        "insurance_type": e.insurance_type, "unit_uscc": e.unit_uscc, "unit_name": e.unit_name,
        "enrolled_on": e.enrolled_on, "contribution_years": e.contribution_years, "status": e.status,
    }, source=CODE, record_id=e.id_number) for e in MedicalEnrolment.objects.filter(id_number=number)]


PROVIDER.register(ENROLMENT, enrolment)

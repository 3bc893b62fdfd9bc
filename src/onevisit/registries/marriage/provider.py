"""Provider API of the marriage registry: a person's current marital status."""

from django.db.models import Q

from onevisit.registries.contract import FieldType as T
from onevisit.registries.contract import ItemSpec, Record, RegistryProvider, SubjectType
from onevisit.registries.items import INTERNAL, SENSITIVE, f, person_subject, record
from onevisit.registries.marriage.models import MarriageRecord, MarriageStatus

CODE = "marriage"
PROVIDER = RegistryProvider(code=CODE, name="婚姻登记库（民政）")

STATUS = ItemSpec(
    code="marriage.status", name="婚姻状况", name_en="Marital status", subject_type=SubjectType.PERSON,
    fields=(
        f("marital_status", T.STRING, "婚姻状况", "Marital status (married / divorced)", SENSITIVE),
        f("spouse_id_number", T.ID_NUMBER, "配偶身份号码", "Spouse's ID number", SENSITIVE),
        f("spouse_name", T.STRING, "配偶姓名", "Spouse's name", SENSITIVE),
        f("certificate_number", T.STRING, "结婚证字号", "Certificate number", SENSITIVE),
        f("registered_on", T.DATE, "登记日期", "Registered on", INTERNAL),
        f("office", T.STRING, "登记机关", "Registration office", INTERNAL),
        f("dissolved_on", T.DATE, "解除日期", "Dissolved on", SENSITIVE),
    ),
)


def status(subject: str, fields: tuple[str, ...]) -> list[Record]:
    """The latest registration decides the status; no registration at all is an empty answer
    (the registry knows of no marriage: the basis of a 无婚姻登记记录 statement)."""
    number = person_subject(subject, provider=CODE)
    latest = (MarriageRecord.objects.filter(Q(husband_id_number=number) | Q(wife_id_number=number))
              .exclude(status=MarriageStatus.CANCELLED).order_by("-registered_on", "-id").first())
    if latest is None:
        return []
    is_husband = latest.husband_id_number == number
    return [record(STATUS.code, number, latest, {
        "marital_status": latest.status,
        "spouse_id_number": latest.wife_id_number if is_husband else latest.husband_id_number,
        "spouse_name": latest.wife_name if is_husband else latest.husband_name,
        "certificate_number": latest.certificate_number, "registered_on": latest.registered_on,
        "office": latest.office, "dissolved_on": latest.dissolved_on,
    }, source=CODE, record_id=latest.certificate_number)]


PROVIDER.register(STATUS, status)

"""Provider API of the social insurance registry: enrolment and employment history."""

from onevisit.registries.contract import FieldType as T
from onevisit.registries.contract import ItemSpec, Record, RegistryProvider, SubjectType
from onevisit.registries.items import INTERNAL, SENSITIVE, f, person_subject, record
from onevisit.registries.social_insurance.models import EmploymentRecord, InsuredPerson

CODE = "social_insurance"
PROVIDER = RegistryProvider(code=CODE, name="社会保险库（人社）")

ENROLMENT = ItemSpec(
    code="social_insurance.enrolment", name="社会保险参保信息", name_en="Social insurance enrolment",
    subject_type=SubjectType.PERSON, update_frequency="daily",
    fields=(
        f("id_number", T.ID_NUMBER, "公民身份号码", "Resident ID number", SENSITIVE),
        f("name", T.STRING, "姓名", "Name"),
        f("employer_uscc", T.USCC, "参保单位代码", "Employer's USCC"),
        f("employer_name", T.STRING, "参保单位", "Employer"),
        f("started_on", T.DATE, "首次参保日期", "First insured on"),
        f("contribution_base", T.DECIMAL, "缴费基数（元/月）", "Contribution base (yuan a month)", SENSITIVE),
        f("status", T.STRING, "参保状态", "Status"),
    ),
)
EMPLOYMENT = ItemSpec(
    code="social_insurance.employment", name="就业登记信息", name_en="Employment records",
    subject_type=SubjectType.PERSON, update_frequency="daily",
    fields=(
        f("employer_uscc", T.USCC, "用人单位代码", "Employer's USCC"),
        f("employer_name", T.STRING, "用人单位", "Employer"),
        f("position", T.STRING, "岗位", "Position"),
        f("started_on", T.DATE, "用工起始日期", "Started on"),
        f("ended_on", T.DATE, "用工终止日期", "Ended on"),
        f("current", T.BOOLEAN, "当前在职", "Current", INTERNAL),
    ),
)


def enrolment(subject: str, fields: tuple[str, ...]) -> list[Record]:
    number = person_subject(subject, provider=CODE)
    return [record(ENROLMENT.code, number, p, {
        "id_number": p.id_number, "name": p.name, "employer_uscc": p.employer_id or "",
        "employer_name": p.employer.name if p.employer else "", "started_on": p.started_on,
        "contribution_base": p.contribution_base, "status": p.status,
    }, source=CODE, record_id=p.id_number)
        for p in InsuredPerson.objects.filter(id_number=number).select_related("employer")]


def employment(subject: str, fields: tuple[str, ...]) -> list[Record]:
    number = person_subject(subject, provider=CODE)
    rows = EmploymentRecord.objects.filter(id_number=number).select_related("employer").order_by("-started_on")
    return [record(EMPLOYMENT.code, number, e, {
        "employer_uscc": e.employer_id, "employer_name": e.employer.name, "position": e.position,
        "started_on": e.started_on, "ended_on": e.ended_on, "current": e.ended_on is None,
    }, source=CODE) for e in rows]


PROVIDER.register(ENROLMENT, enrolment)
PROVIDER.register(EMPLOYMENT, employment)

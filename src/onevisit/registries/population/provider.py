"""Provider API of the population registry: a person's basic record and their hukou household."""

from onevisit.core import sql
from onevisit.registries.contract import FieldType as T
from onevisit.registries.contract import ItemSpec, Record, RegistryProvider, SubjectType
from onevisit.registries.items import INTERNAL, SENSITIVE, f, person_subject, record
from onevisit.registries.population.models import Household, HouseholdMember, Person

CODE = "population"
PROVIDER = RegistryProvider(code=CODE, name="人口库（公安）")

PERSON = ItemSpec(
    code="population.person", name="人口基本信息", name_en="Basic personal data", subject_type=SubjectType.PERSON,
    fields=(
        f("id_number", T.ID_NUMBER, "公民身份号码", "Resident ID number", SENSITIVE),
        f("name", T.STRING, "姓名", "Name"),
        f("sex", T.STRING, "性别", "Sex"),
        f("birth_date", T.DATE, "出生日期", "Date of birth"),
        f("ethnicity", T.STRING, "民族", "Ethnicity", SENSITIVE),
        f("phone", T.STRING, "联系电话", "Phone number", SENSITIVE),
        f("status", T.STRING, "人口状态", "Status"),
    ),
)
HUKOU = ItemSpec(
    code="population.hukou", name="户籍信息", name_en="Household registration (hukou)",
    subject_type=SubjectType.PERSON, update_frequency="realtime",
    fields=(
        f("household_number", T.STRING, "户号", "Household number", INTERNAL),
        f("address", T.STRING, "户籍地址", "Registered address", SENSITIVE),
        f("division_code", T.STRING, "户籍地区划代码", "Division code"),
        f("head_id_number", T.ID_NUMBER, "户主身份号码", "Head of household ID number", SENSITIVE),
        f("head_name", T.STRING, "户主姓名", "Head of household"),
        f("relation_to_head", T.STRING, "与户主关系", "Relation to the head"),
        f("members", T.LIST, "户成员", "Members (id_number, name, sex, birth_date, relation)", SENSITIVE),
    ),
)


def person(subject: str, fields: tuple[str, ...]) -> list[Record]:
    number = person_subject(subject, provider=CODE)
    return [
        record(PERSON.code, number, p, {
            "id_number": p.id_number, "name": p.name, "sex": p.sex, "birth_date": p.birth_date,
            "ethnicity": p.ethnicity, "phone": p.phone, "status": p.status,
        }, source=CODE, record_id=p.id_number)
        # The busiest lookup of the platform (bench/scenarios/exchange.py): SQL built once.
        for p in sql.select_where(Person, "id_number", number)
    ]


def hukou(subject: str, fields: tuple[str, ...]) -> list[Record]:
    number = person_subject(subject, provider=CODE)
    membership = HouseholdMember.objects.filter(person_id=number).select_related("household").first()
    if membership is None:
        return []
    household: Household = membership.household
    members = list(HouseholdMember.objects.filter(household=household).select_related("person").order_by("id"))
    head = next((m.person for m in members if m.person_id == household.head_id_number), None)
    newest = max([household, *members], key=lambda row: row.updated_at)
    return [record(HUKOU.code, number, household, {
        "household_number": household.household_number, "address": household.address,
        "division_code": household.division_code, "head_id_number": household.head_id_number,
        "head_name": head.name if head else "", "relation_to_head": membership.relation,
        "members": [{"id_number": m.person_id, "name": m.person.name, "sex": m.person.sex,
                     "birth_date": m.person.birth_date.isoformat(), "relation": m.relation} for m in members],
    }, source=CODE, record_id=household.household_number, updated_at=newest.updated_at)]


PROVIDER.register(PERSON, person)
PROVIDER.register(HUKOU, hukou)

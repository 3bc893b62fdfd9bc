"""Small, real registries for the exchange tests (not mocks): ``RegistryProvider`` objects with
in-memory records, served through the in-process transport exactly like the demo registries.

Settings point the provider codes at them (see ``conftest.exchange_registries``).
"""

import datetime
import time

from onevisit.registries.contract import (
    FieldSpec,
    FieldType,
    ItemSpec,
    ProviderUnavailable,
    Record,
    RegistryProvider,
    Sensitivity,
    SubjectType,
)

WANG = "330106199003071236"  # 王小明, the citizen of tests/conftest.py
LI = "330108198506120042"  # 李华, his wife
CHILD = "330106202601150019"
SLOW = "11010519491231002X"  # the population registry takes 5 s to answer about this person
BROKEN = "110105194912310038"  # the population registry's database is down for this person
ENTERPRISE = "91330106MA2KH7QN0M"
UPDATED = datetime.datetime(2026, 3, 1, 9, 30, tzinfo=datetime.UTC)

S, ID, D, DEC = FieldType.STRING, FieldType.ID_NUMBER, FieldType.DATE, FieldType.DECIMAL
PUB, INT, SEN = Sensitivity.PUBLIC, Sensitivity.INTERNAL, Sensitivity.SENSITIVE_PERSONAL


def _spec(code, name, name_en, subject_type, *fields, frequency="realtime"):
    return ItemSpec(code=code, name=name, name_en=name_en, subject_type=subject_type, update_frequency=frequency,
                    fields=tuple(FieldSpec(n, t, label, label_en, sens) for n, t, label, label_en, sens in fields))


def _handler(source, item, rows):
    def handle(subject, fields):
        if subject == SLOW:
            time.sleep(5)
        if subject == BROKEN:
            raise ProviderUnavailable("registry database is down", provider=source)
        return [Record(item=item, subject=subject, record_id=f"{source}-{i}", data=dict(data), source=source,
                       version=3, updated_at=UPDATED)
                for i, data in enumerate(rows.get(subject, []), start=1)]
    return handle


PERSON = _spec("population.person", "人口基本信息", "Person", SubjectType.PERSON,
               ("name", S, "姓名", "Name", SEN), ("id_number", ID, "公民身份号码", "ID number", SEN),
               ("birth_date", D, "出生日期", "Date of birth", SEN), ("sex", S, "性别", "Sex", INT),
               ("ethnicity", S, "民族", "Ethnicity", SEN))
HUKOU = _spec("population.hukou", "户籍信息", "Household registration", SubjectType.PERSON,
              ("household_number", S, "户号", "Household number", INT),
              ("head_name", S, "户主姓名", "Head of household", SEN),
              ("relation", S, "与户主关系", "Relation to head", INT),
              ("address", S, "户籍地址", "Registered address", SEN),
              ("police_station", S, "登记派出所", "Police station", PUB))
MARRIAGE = _spec("marriage.status", "婚姻登记信息", "Marriage status", SubjectType.PERSON,
                 ("status", S, "婚姻状况", "Status", INT), ("spouse_name", S, "配偶姓名", "Spouse", SEN),
                 ("spouse_id_number", ID, "配偶身份号码", "Spouse ID number", SEN),
                 ("registered_on", D, "登记日期", "Registered on", INT),
                 ("registry_office", S, "登记机关", "Registry office", PUB))
ENTERPRISE_REG = _spec("enterprise.registration", "企业登记信息", "Enterprise registration", SubjectType.ENTERPRISE,
                       ("name", S, "企业名称", "Name", PUB), ("legal_representative", S, "法定代表人", "Legal representative", PUB),
                       ("registered_capital", DEC, "注册资本", "Registered capital", PUB),
                       ("address", S, "住所", "Address", PUB))
VACCINATION = _spec("health.vaccination", "预防接种记录", "Vaccination record", SubjectType.PERSON,
                    ("vaccine", S, "疫苗名称", "Vaccine", SEN), ("dose", S, "剂次", "Dose", SEN))
DISABILITY = _spec("disability.certificate", "残疾人证信息", "Disability certificate", SubjectType.PERSON,
                   ("certificate_number", S, "残疾人证号", "Certificate number", INT),
                   ("category", S, "残疾类别", "Category", SEN), ("grade", S, "残疾等级", "Grade", SEN),
                   ("disability_cause", S, "致残原因", "Cause", SEN))

POPULATION = RegistryProvider(code="population", name="人口库")
POPULATION.register(PERSON, _handler("population", PERSON.code, {
    WANG: [{"name": "王小明", "id_number": WANG, "birth_date": "1990-03-07", "sex": "男", "ethnicity": "汉族"}],
    LI: [{"name": "李华", "id_number": LI, "birth_date": "1985-06-12", "sex": "女", "ethnicity": "汉族"}],
}))
POPULATION.register(HUKOU, _handler("population", HUKOU.code, {
    WANG: [{"household_number": "330106012345", "head_name": "王小明", "relation": "户主",
            "address": "浙江省杭州市西湖区文三路90号1幢501室", "police_station": "杭州市公安局西湖区分局文新派出所"}],
}))
MARRIAGE_REGISTRY = RegistryProvider(code="marriage", name="婚姻登记库")
MARRIAGE_REGISTRY.register(MARRIAGE, _handler("marriage", MARRIAGE.code, {
    WANG: [{"status": "已婚", "spouse_name": "李华", "spouse_id_number": LI, "registered_on": "2018-05-20",
            "registry_office": "杭州市西湖区民政局婚姻登记处"}],
}))
ENTERPRISE_REGISTRY = RegistryProvider(code="enterprise", name="市场主体登记库")
ENTERPRISE_REGISTRY.register(ENTERPRISE_REG, _handler("enterprise", ENTERPRISE_REG.code, {
    ENTERPRISE: [{"name": "杭州西湖示范科技有限公司", "legal_representative": "李华", "registered_capital": "1000000.00",
                  "address": "浙江省杭州市西湖区西溪路1号"}],
}))
HEALTH = RegistryProvider(code="health", name="全民健康信息平台")
HEALTH.register(VACCINATION, _handler("health", VACCINATION.code, {WANG: [{"vaccine": "乙肝疫苗", "dose": "第1剂"}]}))
# The health registry after it stopped publishing vaccination records.
BIRTH_CERTIFICATE = _spec("health.birth_certificate", "出生医学证明", "Birth certificate", SubjectType.PERSON,
                          ("certificate_number", S, "出生医学证明编号", "Certificate number", INT),
                          ("child_name", S, "新生儿姓名", "Child's name", SEN))
HEALTH_WITHOUT_VACCINATION = RegistryProvider(code="health", name="全民健康信息平台")
HEALTH_WITHOUT_VACCINATION.register(BIRTH_CERTIFICATE, _handler("health", BIRTH_CERTIFICATE.code, {}))
DISABILITY_REGISTRY = RegistryProvider(code="disability", name="残疾人信息库")
DISABILITY_REGISTRY.register(DISABILITY, _handler("disability", DISABILITY.code, {
    WANG: [{"certificate_number": "33010619900307123641", "category": "肢体", "grade": "四级", "disability_cause": "外伤"}],
}))

PROVIDERS = {
    "population": "exchange.exchange_registries.POPULATION",
    "marriage": "exchange.exchange_registries.MARRIAGE_REGISTRY",
    "enterprise": "exchange.exchange_registries.ENTERPRISE_REGISTRY",
    "health": "exchange.exchange_registries.HEALTH",
    "disability": "exchange.exchange_registries.DISABILITY_REGISTRY",
}

"""One synthetic population for every registry, deterministic from the seed and streamed in chunks.

The generator builds households (couples, children, elders, some divorced parents), the
marriages between the couples, employers (enterprises with valid USCCs whose legal
representatives are people of the population) and their employees, social and medical insurance,
housing-fund accounts, properties owned by households, diplomas, school enrolments, birth
certificates and vaccinations for young children, and a few disability certificates.

It yields plain rows (tuples of JSON-friendly values, one list per table, see ``TABLES``), a
chunk at a time, so a million people never sit in memory at once; ``loading`` writes them. The
same plan gives the same rows on any day and any machine: every date is relative to
``REFERENCE_DATE`` and every choice comes from one ``random.Random(seed)``.
"""

from __future__ import annotations

import datetime
import random
from array import array
from collections.abc import Iterator
from dataclasses import dataclass, field

from faker import Faker

from onevisit.core.identifiers import resident_id_check_character, uscc_check_character

GENERATOR_VERSION = 1
REFERENCE_DATE = datetime.date(2026, 1, 1)  # "today" of the synthetic province
REF = REFERENCE_DATE.toordinal()
EPOCH = datetime.date(1920, 1, 1).toordinal()
# Older paper records were entered into the registries' systems from this day on.
DIGITISED = datetime.date(2012, 1, 1).toordinal()
DAYS = REF - EPOCH + 1
YEAR = 365.25
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
ADULT_BORN_BY = datetime.date.fromordinal(REF - int(18 * YEAR))  # 18 or older on REFERENCE_DATE
CHUNK_PEOPLE = 20_000
PEOPLE_PER_ENTERPRISE = 20

# Columns of every table, in the order the generator fills them; every table ends with
# version and updated_at. Keys are "<registry code>.<table>", values (model, columns).
V = ("version", "updated_at")
TABLES: dict[str, tuple[str, tuple[str, ...]]] = {
    "population.person": ("Person", ("id_number", "name", "sex", "birth_date", "ethnicity", "phone", "status", *V)),
    "population.household": ("Household", ("household_number", "address", "division_code", "head_id_number", *V)),
    "population.member": ("HouseholdMember", ("household_id", "person_id", "relation", *V)),
    "marriage.record": ("MarriageRecord", ("certificate_number", "husband_id_number", "husband_name",
                                           "wife_id_number", "wife_name", "registered_on", "office", "status",
                                           "dissolved_on", *V)),
    "social_insurance.employer": ("Employer", ("uscc", "name", "division_code", "registered_on", *V)),
    "social_insurance.insured": ("InsuredPerson", ("id_number", "name", "employer_id", "started_on",
                                                   "contribution_base", "status", *V)),
    "social_insurance.employment": ("EmploymentRecord", ("id_number", "employer_id", "position", "started_on",
                                                         "ended_on", *V)),
    "medical_insurance.enrolment": ("MedicalEnrolment", ("id_number", "name", "insurance_type", "unit_uscc",
                                                         "unit_name", "enrolled_on", "contribution_years", "status",
                                                         *V)),
    "enterprise.enterprise": ("Enterprise", ("uscc", "name", "entity_type", "legal_rep_id_number", "legal_rep_name",
                                             "registered_capital", "founded_on", "address", "division_code",
                                             "business_scope", "status", *V)),
    "enterprise.shareholder": ("Shareholder", ("enterprise_id", "name", "id_number", "contribution", "share_percent",
                                               *V)),
    "tax.registration": ("TaxRegistration", ("uscc", "taxpayer_name", "tax_types", "registered_on", "tax_authority",
                                             "status", *V)),
    "tax.credit": ("TaxCreditRating", ("uscc", "year", "grade", *V)),
    "real_estate.property": ("Property", ("unit_number", "certificate_number", "address", "division_code", "area",
                                          "use", "right_type", "registered_on", "mortgaged", *V)),
    "real_estate.ownership": ("Ownership", ("property_id", "owner_id_number", "owner_name", "share_percent", *V)),
    "health.birth_certificate": ("BirthMedicalCertificate", ("certificate_number", "child_name", "child_id_number",
                                                             "sex", "born_at", "weight_grams", "hospital",
                                                             "mother_id_number", "mother_name", "father_id_number",
                                                             "father_name", *V)),
    "health.vaccination": ("Vaccination", ("child_id_number", "vaccine", "dose", "administered_on", "clinic", *V)),
    "education.enrolment": ("SchoolEnrolment", ("id_number", "name", "school", "level", "grade", "enrolled_on",
                                                "status", *V)),
    "education.diploma": ("Diploma", ("certificate_number", "id_number", "name", "school", "level", "major",
                                      "graduated_on", *V)),
    "housing_fund.account": ("FundAccount", ("account_number", "id_number", "name", "employer_uscc", "employer_name",
                                             "balance", "monthly_deposit", "opened_on", "status", *V)),
    "disability.certificate": ("DisabilityCertificate", ("certificate_number", "id_number", "name", "category",
                                                         "grade", "issued_on", "valid_until", "guardian_name", *V)),
}

# The demo people of accounts/seed.py and the README, placed in the population on purpose.
DEMO_CITIZEN_ID = "330106199003071236"
DEMO_FOUNDER_ID = "330108198506120042"
DEMO_ENTERPRISE_USCC = "91330106MA2KH7QN0M"
DEMO_ENTERPRISE_NAME = "杭州西湖示范科技有限公司"

ENTITY_TYPES = (("有限责任公司（自然人投资或控股）", 70), ("有限责任公司（自然人独资）", 15),
                ("个人独资企业", 10), ("股份有限公司（非上市、自然人投资或控股）", 5))
INDUSTRIES = (
    ("科技", "技术开发、技术咨询、技术服务；软件开发；信息系统集成服务"),
    ("贸易", "日用百货、服装鞋帽、五金交电的销售；货物进出口"),
    ("建材", "建筑材料、装饰材料的销售；建筑装饰工程施工"),
    ("餐饮管理", "餐饮服务；食品经营；餐饮管理"),
    ("物流", "普通货物道路运输；仓储服务（不含危险品）；国内货运代理"),
    ("纺织", "纺织品、针织品的生产、加工与销售"),
    ("机械", "通用机械设备及配件的制造、销售"),
    ("文化传媒", "文化艺术交流活动策划；广告设计、制作、代理、发布"),
    ("电子商务", "互联网销售；电子商务平台运营；网络技术服务"),
    ("服饰", "服装、服饰的设计、生产与销售"),
)
CAPITALS = ("10", "30", "50", "100", "200", "500", "1000", "3000")
TAX_TYPES = ("增值税", "企业所得税", "个人所得税", "城市维护建设税", "印花税", "房产税")
GRADES = "A" * 20 + "B" * 55 + "M" * 15 + "C" * 7 + "D" * 3
POSITIONS = ("职员", "工程师", "销售", "会计", "技术员", "行政", "经理", "操作工", "设计师", "司机")
MAJORS = ("计算机科学与技术", "会计学", "法学", "临床医学", "机械工程", "汉语言文学", "工商管理", "电子信息工程",
          "土木工程", "英语", "护理学", "市场营销")
UNIVERSITIES = (("10335", "浙江大学"), ("10337", "浙江工业大学"), ("10345", "浙江师范大学"),
                ("10346", "杭州师范大学"), ("10338", "浙江理工大学"), ("10336", "杭州电子科技大学"),
                ("11646", "宁波大学"), ("10343", "温州医科大学"), ("11842", "浙江工商大学"), ("10349", "绍兴文理学院"))
DEGREE_LEVELS = (("专科", "3", 25), ("本科", "4", 60), ("硕士研究生", "5", 12), ("博士研究生", "6", 3))
SCHOOL_LEVELS = ((6, 11, "小学", "小学"), (12, 14, "初中", "初级中学"), (15, 17, "高中", "高级中学"))
VACCINES = (("乙肝疫苗", 1, 0), ("卡介苗", 1, 0), ("乙肝疫苗", 2, 30), ("脊灰疫苗", 1, 60), ("脊灰疫苗", 2, 90),
            ("百白破疫苗", 1, 90), ("百白破疫苗", 2, 120), ("乙肝疫苗", 3, 180), ("麻腮风疫苗", 1, 240),
            ("乙脑疫苗", 1, 240), ("百白破疫苗", 3, 540), ("麻腮风疫苗", 2, 540), ("乙脑疫苗", 2, 730))
MINORITIES = ("畲族", "回族", "土家族", "苗族", "满族")


@dataclass(frozen=True)
class County:
    code: str
    name: str
    city: str


@dataclass(frozen=True)
class PopulationPlan:
    """What to generate: ``people`` in households, ``enterprises`` at least that many employers."""

    seed: int = 20161201
    people: int = 200
    enterprises: int = 40

    @property
    def registry_enterprises(self) -> int:
        return max(self.enterprises, self.people // PEOPLE_PER_ENTERPRISE, 5)

    @property
    def key(self) -> str:
        return f"v{GENERATOR_VERSION}:seed={self.seed}:people={self.people}:enterprises={self.enterprises}"


@dataclass
class Chunk:
    rows: dict[str, list[tuple]] = field(default_factory=lambda: {key: [] for key in TABLES})

    @property
    def size(self) -> int:
        return sum(len(rows) for rows in self.rows.values())


@dataclass(frozen=True)
class PersonRow:
    id_number: str
    name: str
    sex: str
    birth: int  # ordinal
    phone: str
    county: County

    @property
    def age(self) -> float:
        return (REF - self.birth) / YEAR


def counties_in_force() -> list[County]:
    from onevisit.core.models import RegionLevel
    from onevisit.core.regions import regions_in_force

    regions = regions_in_force(on=REFERENCE_DATE).filter(level=RegionLevel.COUNTY).select_related("parent")
    return [County(code=r.code, name=r.name, city=r.parent.name if r.parent else "") for r in regions.order_by("code")]


def iso(ordinal: int) -> str:
    return datetime.date.fromordinal(ordinal).isoformat()


def _names(faker_seed: int) -> tuple[list[str], list[str], list[str], list[str], list[str]]:
    """Name and street pools drawn from Faker once; combining them is fast, calling Faker is not."""
    faker = Faker("zh_CN")
    faker.seed_instance(faker_seed)
    person = faker.provider("faker.providers.person")
    weighted = list(person.last_names.items())
    rng = random.Random(faker_seed)
    surnames = rng.choices([s for s, _w in weighted], weights=[w for _s, w in weighted], k=4096)
    male, female = list(person.first_names_male), list(person.first_names_female)
    streets = sorted({faker.street_name() for _ in range(400)})
    company = faker.provider("faker.providers.company")
    prefixes = sorted({p for p in company.company_prefixes if len(p) <= 4})
    return surnames, male, female, streets, prefixes


class Population:
    """Generates the province's people and every registry's rows from one plan."""

    def __init__(self, plan: PopulationPlan, counties: list[County]):
        if not counties:
            raise ValueError("no county-level divisions: load the regions first")
        self.plan = plan
        self.counties = counties
        self.county_index = {c.code: i for i, c in enumerate(counties)}
        # Two streams: ``prng`` draws the people and their households and never depends on the
        # population's size, so a bigger plan starts with the same people (and the same citizen
        # accounts); ``rng`` draws everything that happens to them (jobs, homes, diplomas ...).
        self.prng = random.Random(plan.seed)
        self.rng = random.Random(plan.seed + 1)
        self.surnames, self.male_names, self.female_names, self.streets, self.prefixes = _names(plan.seed)
        self.id_counters = array("H", bytes(2 * len(counties) * DAYS))
        self.people = 0
        self.households = 0
        self.serial = 0  # certificate and account numbers
        self.enterprise_count = plan.registry_enterprises
        statuses = ("active",) * 92 + ("abnormal",) * 5 + ("deregistered",) * 3
        self.enterprise_status = [statuses[self.rng.randrange(100)] for _ in range(self.enterprise_count)]
        self.reps: dict[int, tuple[str, str]] = {}  # enterprise index -> (id number, name)
        self.partners: dict[int, list[tuple[str, str]]] = {}
        self.next_rep = 0
        # A working adult becomes the next enterprise's legal representative with this chance.
        self.rep_chance = min(1.0, 1.6 * self.enterprise_count / max(1, plan.people * 0.5))
        self.reservoir: list[tuple[str, str]] = []
        self._profiles: dict[int, dict] = {}
        self.demo_profile = demo_profile(counties)
        self.demo_founder = ("", "")

    # --- identifiers ----------------------------------------------------------------------------

    def id_number(self, county: County, birth: int, male: bool) -> str:
        key = self.county_index[county.code] * DAYS + (birth - EPOCH)
        while True:
            n = self.id_counters[key]
            self.id_counters[key] = n + 1
            sequence = ((key * 37) % 200 + n) * 2 + (1 if male else 0)
            first17 = f"{county.code}{datetime.date.fromordinal(birth):%Y%m%d}{sequence:03d}"
            number = first17 + resident_id_check_character(first17)
            if number not in (DEMO_CITIZEN_ID, DEMO_FOUNDER_ID):
                return number

    def uscc(self, index: int, county: County) -> str:
        value, org = index + 1, ""
        for _ in range(7):
            value, digit = divmod(value, 31)
            org = USCC_ALPHABET[digit] + org
        first17 = f"91{county.code}MA{org}"
        if first17 == DEMO_ENTERPRISE_USCC[:17]:
            first17 = f"91{county.code}MB{org}"
        return first17 + uscc_check_character(first17)

    def next_serial(self) -> int:
        self.serial += 1
        return self.serial

    # --- small helpers ---------------------------------------------------------------------------

    def stamp(self, ordinal: int) -> tuple[int, str]:
        """(version, updated_at) for a record last touched on or after ``ordinal``."""
        r = self.rng
        day = min(REF - 1, max(ordinal, DIGITISED) + r.randrange(0, 400))
        version = 1 if r.random() < 0.9 else 2 + (r.random() < 0.2)
        return version, f"{iso(day)} {r.randrange(1, 10):02d}:{r.randrange(60):02d}:{r.randrange(60):02d}"

    def given_name(self, male: bool) -> str:
        r = self.prng
        pool = self.male_names if male else self.female_names
        return pool[r.randrange(len(pool))] + (pool[r.randrange(len(pool))] if r.random() < 0.6 else "")

    def phone(self) -> str:
        r = self.prng
        return f"1{('35', '36', '37', '38', '39', '58', '59', '77', '88', '89')[r.randrange(10)]}{r.randrange(10**8):08d}"

    def address(self, county: County) -> str:
        r = self.rng
        return (f"浙江省{county.city}{county.name}{self.streets[r.randrange(len(self.streets))]}"
                f"{r.randrange(1, 400)}号{r.randrange(1, 30)}幢{r.randrange(1, 4)}单元{r.randrange(1, 30)}"
                f"{r.randrange(1, 5):02d}室")

    def person(self, chunk: Chunk, county: County, birth: int, male: bool, *, surname: str | None = None,
               id_number: str | None = None, name: str | None = None, phone: str | None = None) -> PersonRow:
        r = self.prng
        number = id_number or self.id_number(county, birth, male)
        full_name = name or (surname or self.surnames[r.randrange(len(self.surnames))]) + self.given_name(male)
        row = PersonRow(number, full_name, "M" if male else "F", birth, phone or self.phone(), county)
        ethnicity = "汉族" if r.random() < 0.985 else MINORITIES[r.randrange(len(MINORITIES))]
        chunk.rows["population.person"].append(
            (number, full_name, row.sex, iso(birth), ethnicity, row.phone, "alive", *self.stamp(birth + 30)))
        self.people += 1
        return row

    def household(self, chunk: Chunk, county: County, head: PersonRow, members: list[tuple[PersonRow, str]]) -> str:
        self.households += 1
        number = f"{county.code}{self.households:09d}"
        chunk.rows["population.household"].append(
            (number, self.address(county), county.code, head.id_number, *self.stamp(REF - 3000)))
        for person, relation in [(head, "head"), *members]:
            chunk.rows["population.member"].append(
                (number, person.id_number, relation, *self.stamp(max(person.birth, REF - 5000))))
        return number

    def marriage(self, chunk: Chunk, husband: PersonRow, wife: PersonRow, *, on: int | None = None,
                 first_child: int | None = None, divorced: bool = False) -> int:
        r = self.rng
        if on is None:
            earliest = max(husband.birth + int(22 * YEAR), wife.birth + int(20 * YEAR))
            latest = first_child - 300 if first_child else min(REF - 30, earliest + int(12 * YEAR))
            on = earliest + r.randrange(max(1, latest - earliest))
        on = min(on, REF - 30)
        county = husband.county if r.random() < 0.5 else wife.county
        year = datetime.date.fromordinal(on).year
        dissolved = on + r.randrange(400, max(401, REF - on)) if divorced else None
        dissolved = min(dissolved, REF - 10) if dissolved else None
        chunk.rows["marriage.record"].append((
            f"J{county.code}-{year}-{self.next_serial():07d}", husband.id_number, husband.name, wife.id_number,
            wife.name, iso(on), f"{county.city}{county.name}民政局婚姻登记处", "divorced" if divorced else "married",
            iso(dissolved) if dissolved else None, *self.stamp(dissolved or on)))
        return on

    # --- enterprises -------------------------------------------------------------------------------

    def profile(self, index: int) -> dict:
        """An enterprise's own attributes, the same whenever asked (its own random stream)."""
        cached = self._profiles.get(index)
        if cached:
            return cached
        r = random.Random(self.plan.seed * 1_000_003 + index)
        county = self.counties[r.randrange(len(self.counties))]
        industry, scope = INDUSTRIES[r.randrange(len(INDUSTRIES))]
        entity_type = r.choices([t for t, _w in ENTITY_TYPES], weights=[w for _t, w in ENTITY_TYPES])[0]
        suffix = "个人独资企业" if entity_type == "个人独资企业" else (
            "股份有限公司" if entity_type.startswith("股份") else "有限公司")
        city = county.city.removesuffix("市")
        founded = datetime.date(1995, 1, 1).toordinal() + r.randrange(REF - 400 - datetime.date(1995, 1, 1).toordinal())
        profile = {
            "uscc": self.uscc(index, county), "county": county,
            "name": f"{city}{self.prefixes[r.randrange(len(self.prefixes))]}{industry}{suffix}",
            "entity_type": entity_type, "scope": scope, "capital": CAPITALS[r.randrange(len(CAPITALS))],
            "founded": founded, "status": self.enterprise_status[index],
            "address": (f"浙江省{county.city}{county.name}{self.streets[r.randrange(len(self.streets))]}"
                        f"{r.randrange(1, 800)}号{r.randrange(1, 20)}楼{r.randrange(101, 2000)}室"),
            "grades": [GRADES[r.randrange(100)] for _ in range(4)],
            "taxes": ",".join(TAX_TYPES[: 3 + r.randrange(4)]),
            "stamp": (1 if r.random() < 0.85 else 2, f"{iso(min(REF - 1, founded + r.randrange(3000)))} 10:00:00"),
        }
        if len(self._profiles) < 100_000:
            self._profiles[index] = profile
        return profile

    def enterprise_seed_rows(self, chunk: Chunk) -> None:
        """Rows that need no people: employer accounts (social insurance) and tax records."""
        for index in range(self.enterprise_count):
            self._enterprise_side_rows(chunk, self.profile(index))
        self._enterprise_side_rows(chunk, self.demo_profile)

    def _enterprise_side_rows(self, chunk: Chunk, p: dict) -> None:
        county: County = p["county"]
        chunk.rows["social_insurance.employer"].append(
            (p["uscc"], p["name"], county.code, iso(p["founded"] + 30), *p["stamp"]))
        tax_status = {"active": "normal", "abnormal": "irregular", "deregistered": "deregistered"}[p["status"]]
        chunk.rows["tax.registration"].append((
            p["uscc"], p["name"], p["taxes"], iso(p["founded"] + 20), f"国家税务总局{county.city}{county.name}税务局",
            tax_status, *p["stamp"]))
        founded_year = datetime.date.fromordinal(p["founded"]).year
        for offset, grade in enumerate(p["grades"]):
            year = REFERENCE_DATE.year - 4 + offset
            if year > founded_year:
                chunk.rows["tax.credit"].append((p["uscc"], year, grade, 1, f"{year + 1}-04-15 09:00:00"))

    def pick_employer(self) -> int:
        r = self.rng
        index = int(self.enterprise_count * r.random() ** 2.5)
        while self.enterprise_status[index] == "deregistered":
            index = (index + 1) % self.enterprise_count
        return index

    def enterprise_rows(self, chunk: Chunk) -> None:
        r = self.rng
        for index in range(self.enterprise_count):
            if index not in self.reps:  # more enterprises than expected representatives
                self.reps[index] = self.reservoir[r.randrange(len(self.reservoir))]
                self.partners[index] = []
            self._enterprise_row(chunk, self.profile(index), self.reps[index], self.partners.get(index, []))
        self._enterprise_row(chunk, self.demo_profile, self.demo_founder, [])

    def _enterprise_row(self, chunk: Chunk, p: dict, rep: tuple[str, str], partners: list[tuple[str, str]]) -> None:
        county: County = p["county"]
        chunk.rows["enterprise.enterprise"].append((
            p["uscc"], p["name"], p["entity_type"], rep[0], rep[1], p["capital"], iso(p["founded"]), p["address"],
            county.code, p["scope"], p["status"], *p["stamp"]))
        owners = [rep, *partners] if not p["entity_type"].endswith("独资）") and p["entity_type"] != "个人独资企业" else [rep]
        rep_share = 100 if len(owners) == 1 else 60 if len(owners) == 2 else 50
        shares = [rep_share] + [(100 - rep_share) // max(1, len(owners) - 1)] * (len(owners) - 1)
        shares[-1] += 100 - sum(shares)
        capital = int(p["capital"])
        for (number, name), share in zip(owners, shares, strict=True):
            chunk.rows["enterprise.shareholder"].append(
                (p["uscc"], name, number, f"{capital * share / 100:.2f}", f"{share:.2f}", *p["stamp"]))

    # --- a person's life in the registries -----------------------------------------------------------

    def life(self, chunk: Chunk, person: PersonRow, *, employer: int | None = None, guardian: str = "") -> None:
        r = self.rng
        age = person.age
        male = person.sex == "M"
        retirement = 60 if male else 55
        employed_by: dict | None = None
        if 22 <= age < retirement and (employer is not None or r.random() < 0.8):
            if employer is None:
                if self.next_rep < self.enterprise_count and r.random() < self.rep_chance:
                    represented = self.next_rep
                    self.next_rep += 1
                    self.reps[represented] = (person.id_number, person.name)
                    take = 0 if len(self.reservoir) < 4 else r.randrange(3)
                    partners = [self.reservoir[-1 - r.randrange(len(self.reservoir))] for _ in range(take)]
                    self.partners[represented] = [p for p in dict.fromkeys(partners) if p[0] != person.id_number]
                    # The representative works for the enterprise, unless it is deregistered.
                    deregistered = self.enterprise_status[represented] == "deregistered"
                    employer = self.pick_employer() if deregistered else represented
                else:
                    employer = self.pick_employer()
            employed_by = self.demo_profile if employer == -1 else self.profile(employer)
            self.employment(chunk, person, employed_by)
        elif age >= retirement:
            started = person.birth + int(22 * YEAR) + r.randrange(2000)
            chunk.rows["social_insurance.insured"].append((
                person.id_number, person.name, None, iso(started), f"{r.randrange(4462, 9000)}.00", "retired",
                *self.stamp(person.birth + int(retirement * YEAR))))
        if age >= 18 and len(self.reservoir) < 5000:
            self.reservoir.append((person.id_number, person.name))
        elif age >= 18 and r.random() < 0.05:
            self.reservoir[r.randrange(len(self.reservoir))] = (person.id_number, person.name)
        self.medical(chunk, person, employed_by)
        if person.id_number in (DEMO_CITIZEN_ID, DEMO_FOUNDER_ID):
            return  # their diploma is fixed in demo_families; no disability certificate
        self.education(chunk, person)
        if r.random() < 0.015:
            self.disability(chunk, person, guardian)

    def employment(self, chunk: Chunk, person: PersonRow, employer: dict) -> None:
        r = self.rng
        first_job = person.birth + int(22 * YEAR) + r.randrange(900)
        started = max(first_job, employer["founded"] + 30)
        started = started + r.randrange(max(1, REF - 60 - started)) if r.random() < 0.4 else started
        started = min(started, REF - 60)
        if r.random() < 0.3 and started - first_job > 700:
            previous = self.profile(self.pick_employer())
            prev_start = max(first_job, previous["founded"] + 30)
            if prev_start < started - 200:
                chunk.rows["social_insurance.employment"].append((
                    person.id_number, previous["uscc"], POSITIONS[r.randrange(len(POSITIONS))], iso(prev_start),
                    iso(started - 1 - r.randrange(150)), *self.stamp(started)))
        chunk.rows["social_insurance.employment"].append((
            person.id_number, employer["uscc"], POSITIONS[r.randrange(len(POSITIONS))], iso(started), None,
            *self.stamp(started)))
        base = r.randrange(4462, 30000)
        chunk.rows["social_insurance.insured"].append((
            person.id_number, person.name, employer["uscc"], iso(first_job if first_job < started else started),
            f"{base}.00", "active", *self.stamp(REF - 200)))
        if r.random() < 0.7:
            deposit = base * 0.24
            months = max(1, (REF - started) // 30)
            chunk.rows["housing_fund.account"].append((
                f"{person.county.code[:4]}{self.next_serial():012d}", person.id_number, person.name, employer["uscc"],
                employer["name"], f"{deposit * min(months, 60) * r.uniform(0.3, 1.0):.2f}", f"{deposit:.2f}",
                iso(started + 30), "active" if r.random() < 0.97 else "frozen", *self.stamp(REF - 40)))

    def medical(self, chunk: Chunk, person: PersonRow, employer: dict | None) -> None:
        r = self.rng
        if employer:
            enrolled = max(person.birth + int(22 * YEAR), employer["founded"])
            row = ("employee", employer["uscc"], employer["name"])
        else:
            enrolled = max(person.birth + 30, datetime.date(2003, 1, 1).toordinal())
            row = ("resident", "", "")
        enrolled = min(enrolled + r.randrange(200), REF - 30)
        years = max(0, int((REF - enrolled) / YEAR))
        chunk.rows["medical_insurance.enrolment"].append(
            (person.id_number, person.name, *row, iso(enrolled), years, "active", *self.stamp(REF - 365)))

    def education(self, chunk: Chunk, person: PersonRow) -> None:
        r = self.rng
        age = person.age
        county = person.county
        for low, high, level, kind in SCHOOL_LEVELS:
            if low <= age < high + 1:
                grade = int(age) - low + 1
                enrolled = datetime.date(REFERENCE_DATE.year - grade, 9, 1).toordinal()
                chunk.rows["education.enrolment"].append((
                    person.id_number, person.name, f"{county.city}{county.name}第{r.randrange(1, 12)}{kind}", level,
                    grade, iso(enrolled), "在读", *self.stamp(enrolled)))
                return
        if 18 <= age < 22 and r.random() < 0.6:
            code, school = UNIVERSITIES[r.randrange(len(UNIVERSITIES))]
            grade = int(age) - 17
            enrolled = datetime.date(REFERENCE_DATE.year - grade, 9, 1).toordinal()
            chunk.rows["education.enrolment"].append((
                person.id_number, person.name, school, "本科", grade, iso(enrolled), "在读", *self.stamp(enrolled)))
            return
        born = datetime.date.fromordinal(person.birth).year
        if age >= 22 and r.random() < (0.55 if born >= 1985 else 0.3 if born >= 1970 else 0.1):
            level, digit, _w = DEGREE_LEVELS[r.choices((0, 1, 2, 3), weights=[w for *_x, w in DEGREE_LEVELS])[0]]
            years = {"3": 21, "4": 22, "5": 25, "6": 28}[digit]
            graduated = datetime.date(born + years, 6, 30)
            if graduated.toordinal() >= REF:
                return
            code, school = UNIVERSITIES[r.randrange(len(UNIVERSITIES))]
            number = f"{code}{graduated.year}{digit}{self.next_serial() % 10**8:08d}"
            chunk.rows["education.diploma"].append((
                number, person.id_number, person.name, school, level, MAJORS[r.randrange(len(MAJORS))],
                graduated.isoformat(), *self.stamp(graduated.toordinal())))

    def disability(self, chunk: Chunk, person: PersonRow, guardian: str) -> None:
        r = self.rng
        category = r.choices("1234567", weights=(13, 24, 2, 30, 7, 19, 5))[0]
        grade = r.choices((1, 2, 3, 4), weights=(15, 25, 30, 30))[0]
        issued = max(person.birth + 365, REF - r.randrange(365 * 9))
        needs_guardian = person.age < 18 or category in "56"
        chunk.rows["disability.certificate"].append((
            f"{person.id_number}{category}{grade}", person.id_number, person.name, category, grade, iso(issued),
            iso(issued + int(10 * YEAR)) if person.age >= 18 else iso(issued + int(5 * YEAR)),
            guardian if needs_guardian else "", *self.stamp(issued)))

    def birth_certificate(self, chunk: Chunk, child: PersonRow, mother: PersonRow, father: PersonRow | None) -> None:
        r = self.rng
        county = child.county
        hospital = f"{county.city}{county.name}{('妇幼保健院', '人民医院', '中医院', '第一人民医院')[r.randrange(4)]}"
        born_at = f"{iso(child.birth)} {r.randrange(24):02d}:{r.randrange(60):02d}:00"
        chunk.rows["health.birth_certificate"].append((
            f"{'PQRS'[r.randrange(4)]}{county.code}{self.next_serial() % 10**7:07d}"[:16], child.name, child.id_number,
            child.sex, born_at, r.randrange(2500, 4300), hospital, mother.id_number, mother.name,
            father.id_number if father else "", father.name if father else "", *self.stamp(child.birth)))
        if child.age <= 14:
            clinic = f"{county.name}社区卫生服务中心预防接种门诊"
            for vaccine, dose, day in VACCINES:
                if child.birth + day < REF:
                    chunk.rows["health.vaccination"].append(
                        (child.id_number, vaccine, dose, iso(child.birth + day), clinic, 1,
                         f"{iso(child.birth + day)} 10:30:00"))

    def properties(self, chunk: Chunk, owners: list[PersonRow], *, county: County, since: int,
                   mortgaged: bool | None = None, use: str | None = None) -> None:
        r = self.rng
        serial = self.next_serial()
        registered = min(REF - 30, since + r.randrange(max(1, REF - since)))
        year = datetime.date.fromordinal(registered).year
        use = use or ("residential" if r.random() < 0.9 else ("commercial", "office")[r.randrange(2)])
        unit = f"{county.code}{r.randrange(1, 20):03d}{r.randrange(1, 999):03d}GB{serial % 10**5:05d}F{serial // 10**5:04d}{r.randrange(1, 3000):04d}"
        area = r.uniform(45, 180) if use == "residential" else r.uniform(30, 400)
        mortgaged = (year >= 2008 and r.random() < 0.45) if mortgaged is None else mortgaged
        chunk.rows["real_estate.property"].append((
            unit, f"浙（{year}）{county.city.removesuffix('市')}不动产权第{serial:07d}号", self.address(county),
            county.code, f"{area:.2f}", use, "国有建设用地使用权/房屋所有权", iso(registered), mortgaged,
            *self.stamp(registered)))
        share = f"{100 / len(owners):.2f}"
        for owner in owners:
            chunk.rows["real_estate.ownership"].append(
                (unit, owner.id_number, owner.name, share, *self.stamp(registered)))

    # --- households ---------------------------------------------------------------------------------

    def family(self, chunk: Chunk) -> None:
        r = self.prng
        county = self.counties[r.randrange(len(self.counties))]
        kind = r.random()
        if kind < 0.70:
            self.young_family(chunk, county)
        elif kind < 0.90:
            self.elderly_couple(chunk, county)
        else:
            self.divorced_family(chunk, county)

    def _birth(self, age_low: float, age_high: float) -> int:
        return REF - int(self.prng.uniform(age_low, age_high) * YEAR)

    def young_family(self, chunk: Chunk, county: County) -> None:
        r = self.prng
        husband_birth = self._birth(23, 62)
        wife_birth = min(REF - int(21 * YEAR), husband_birth + r.randrange(-700, 1800))
        surname = self.surnames[r.randrange(len(self.surnames))]
        husband = self.person(chunk, county, husband_birth, True, surname=surname)
        wife = self.person(chunk, county, wife_birth, False)
        children: list[PersonRow] = []
        n_children = r.choices((0, 1, 2), weights=(20, 45, 35))[0]
        child_birth = wife_birth + int(r.uniform(23, 34) * YEAR)
        for _ in range(n_children):
            if child_birth >= REF - 10:
                break
            child = self.person(chunk, county, child_birth, r.random() < 0.51, surname=surname)
            children.append(child)
            child_birth += int(r.uniform(2, 6) * YEAR)
        members = [(wife, "spouse"), *[(c, "son" if c.sex == "M" else "daughter") for c in children]]
        elder = None
        if r.random() < 0.15 and husband.age + 27 < 92:
            elder_male = r.random() < 0.4
            elder = self.person(chunk, county, husband_birth - int(r.uniform(24, 32) * YEAR), elder_male,
                                surname=surname if elder_male else None)
            members.append((elder, "father" if elder_male else "mother"))
        self.household(chunk, county, husband, members)
        self.marriage(chunk, husband, wife, first_child=children[0].birth if children else None)
        self.life(chunk, husband)
        self.life(chunk, wife)
        for child in children:
            self.life(chunk, child, guardian=husband.name)
            if child.age < 18:
                self.birth_certificate(chunk, child, wife, husband)
        if elder:
            self.life(chunk, elder, guardian=husband.name)
        if husband.age >= 27 and r.random() < 0.72:
            self.properties(chunk, [husband, wife], county=county, since=husband.birth + int(26 * YEAR))
            if r.random() < 0.12:
                self.properties(chunk, [husband], county=county, since=husband.birth + int(30 * YEAR))

    def elderly_couple(self, chunk: Chunk, county: County) -> None:
        r = self.prng
        husband_birth = self._birth(60, 88)
        wife_birth = min(REF - int(58 * YEAR), husband_birth + r.randrange(-500, 1500))
        surname = self.surnames[r.randrange(len(self.surnames))]
        husband = self.person(chunk, county, husband_birth, True, surname=surname)
        wife = self.person(chunk, county, wife_birth, False)
        members = [(wife, "spouse")]
        child = None
        child_birth = wife_birth + int(r.uniform(24, 32) * YEAR)
        if r.random() < 0.4 and REF - child_birth > 18 * YEAR:
            child = self.person(chunk, county, child_birth, r.random() < 0.5, surname=surname)
            members.append((child, "son" if child.sex == "M" else "daughter"))
        self.household(chunk, county, husband, members)
        self.marriage(chunk, husband, wife, first_child=child_birth)
        for person in (husband, wife):
            self.life(chunk, person)
        if child:
            self.life(chunk, child)
        if r.random() < 0.8:
            self.properties(chunk, [husband, wife], county=county, since=datetime.date(1998, 1, 1).toordinal(),
                            mortgaged=False)

    def divorced_family(self, chunk: Chunk, county: County) -> None:
        """A divorced parent living with the children, and the former spouse living with a parent."""
        r = self.prng
        husband_birth = self._birth(28, 55)
        wife_birth = min(REF - int(25 * YEAR), husband_birth + r.randrange(-700, 1800))
        surname = self.surnames[r.randrange(len(self.surnames))]
        husband = self.person(chunk, county, husband_birth, True, surname=surname)
        wife = self.person(chunk, county, wife_birth, False)
        child_birth = min(REF - 400, wife_birth + int(r.uniform(23, 32) * YEAR))
        child = self.person(chunk, county, child_birth, r.random() < 0.51, surname=surname)
        married_on = self.marriage(chunk, husband, wife, first_child=child_birth, divorced=True)
        custodian, other = (wife, husband) if r.random() < 0.6 else (husband, wife)
        self.household(chunk, county, custodian, [(child, "son" if child.sex == "M" else "daughter")])
        grandparent_male = r.random() < 0.4
        grandparent = self.person(chunk, other.county, other.birth - int(r.uniform(24, 32) * YEAR), grandparent_male)
        self.household(chunk, other.county, other, [(grandparent, "father" if grandparent_male else "mother")])
        for person in (husband, wife, grandparent):
            self.life(chunk, person)
        self.life(chunk, child, guardian=custodian.name)
        if child.age < 18:
            self.birth_certificate(chunk, child, wife, husband)
        if r.random() < 0.5:
            self.properties(chunk, [custodian], county=county, since=married_on)

    def demo_families(self, chunk: Chunk) -> None:
        """王小明's family in Xihu and 李华's in Binjiang, fixed so the README stays true."""
        by_code = {c.code: c for c in self.counties}
        xihu, binjiang = by_code["330106"], by_code["330108"]
        day = datetime.date.toordinal
        wang = self.person(chunk, xihu, day(datetime.date(1990, 3, 7)), True, id_number=DEMO_CITIZEN_ID,
                           name="王小明", phone="13800000001")
        wife = self.person(chunk, xihu, day(datetime.date(1991, 8, 15)), False, name="陈静")
        son = self.person(chunk, xihu, day(datetime.date(2021, 5, 20)), True, name="王子轩")
        self.household(chunk, xihu, wang, [(wife, "spouse"), (son, "son")])
        self.marriage(chunk, wang, wife, on=day(datetime.date(2018, 10, 1)))
        self.birth_certificate(chunk, son, wife, wang)
        self.life(chunk, wang, employer=-1)
        self.life(chunk, wife)
        self.life(chunk, son, guardian=wang.name)
        self.properties(chunk, [wang, wife], county=xihu, since=day(datetime.date(2019, 6, 1)), mortgaged=True,
                        use="residential")
        chunk.rows["education.diploma"].append((
            "103352012400000001", wang.id_number, wang.name, "浙江大学", "本科", "计算机科学与技术", "2012-06-30", 1,
            "2012-07-10 09:00:00"))

        li = self.person(chunk, binjiang, day(datetime.date(1985, 6, 12)), False, id_number=DEMO_FOUNDER_ID,
                         name="李华", phone="13800000002")
        husband = self.person(chunk, binjiang, day(datetime.date(1983, 11, 2)), True, name="周建国")
        daughter = self.person(chunk, binjiang, day(datetime.date(2013, 9, 18)), False, name="周语桐")
        self.household(chunk, binjiang, li, [(husband, "spouse"), (daughter, "daughter")])
        self.marriage(chunk, husband, li, on=day(datetime.date(2011, 5, 20)))
        self.demo_founder = (li.id_number, li.name)
        self.life(chunk, li, employer=-1)
        self.life(chunk, husband)
        self.life(chunk, daughter, guardian=li.name)
        self.birth_certificate(chunk, daughter, li, husband)
        self.properties(chunk, [li, husband], county=binjiang, since=day(datetime.date(2014, 3, 1)))

    # --- the stream ------------------------------------------------------------------------------------

    def chunks(self, chunk_people: int = CHUNK_PEOPLE) -> Iterator[Chunk]:
        chunk = Chunk()
        self.enterprise_seed_rows(chunk)
        self.demo_families(chunk)
        while self.people < self.plan.people:
            self.family(chunk)
            if len(chunk.rows["population.person"]) >= chunk_people:
                yield chunk
                chunk = Chunk()
        self.enterprise_rows(chunk)
        yield chunk

    def adults(self, limit: int) -> Iterator[tuple[str, str, str]]:
        """(id number, name, phone) of the first ``limit`` adults, generating only as far as needed."""
        adult_before = ADULT_BORN_BY.toordinal()
        found = 0
        for chunk in self.chunks(chunk_people=2000):
            for number, name, _sex, birth, _e, phone, *_rest in chunk.rows["population.person"]:
                if datetime.date.fromisoformat(birth).toordinal() <= adult_before:
                    yield number, name, phone
                    found += 1
                    if found >= limit:
                        return


def demo_profile(counties: list[County]) -> dict:
    xihu = next(c for c in counties if c.code == "330106")
    return {
        "uscc": DEMO_ENTERPRISE_USCC, "county": xihu, "name": DEMO_ENTERPRISE_NAME,
        "entity_type": "有限责任公司（自然人独资）", "scope": INDUSTRIES[0][1], "capital": "1000",
        "founded": datetime.date(2019, 3, 15).toordinal(), "status": "active",
        "address": "浙江省杭州市西湖区文三路90号东部软件园1号楼501室", "grades": ["A", "A", "A", "A"],
        "taxes": "增值税,企业所得税,个人所得税,城市维护建设税,印花税", "stamp": (1, "2025-03-20 10:00:00"),
    }

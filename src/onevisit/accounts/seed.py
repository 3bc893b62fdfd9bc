"""Demo province seed steps for accounts: departments per level, staff for every role,
synthetic citizens with valid Zhejiang ID numbers, and enterprises with valid USCCs."""

import datetime
import hashlib

from django.contrib.auth.hashers import make_password
from django.db import transaction

from onevisit.accounts.models import (
    Department,
    Enterprise,
    EnterpriseMandate,
    MandateRole,
    Sector,
    StaffRole,
    StaffRoleAssignment,
    User,
    UserKind,
)
from onevisit.core.identifiers import resident_id_check_character, uscc_check_character
from onevisit.core.models import Region, RegionLevel
from onevisit.core.regions import regions_in_force
from onevisit.core.seeding import SeedContext

DEMO_PASSWORD = "Demo@2026!"  # noqa: S105 - the published demo password, never used outside the demo seed

# The demo people the README lists; fixed so that the README stays true.
DEMO_CITIZEN = {"id_number17": "33010619900307123", "full_name": "王小明", "phone": "13800000001"}
DEMO_FOUNDER = {"id_number17": "33010819850612004", "full_name": "李华", "phone": "13800000002"}
DEMO_ENTERPRISE = {"uscc17": "91330106MA2KH7QN0", "name": "杭州西湖示范科技有限公司", "region": "330106"}
# Adults born 1941-2007: 18 to 85 years old in 2026, the demo year.
SYNTHETIC_BIRTHS = (datetime.date(1941, 1, 1), datetime.date(2007, 12, 31))

SECTOR_NAMES = {
    # sector: (province, city, county) name suffixes, English name
    Sector.GOV: ("政务服务管理办公室", "政务服务管理办公室", "政务服务中心", "Government Service Office"),
    Sector.DATA: ("大数据发展管理局", "数据资源管理局", "数据资源管理局", "Data Resources Bureau"),
    Sector.PSB: ("公安厅", "公安局", "公安分局", "Public Security Bureau"),
    Sector.CA: ("民政厅", "民政局", "民政局", "Civil Affairs Bureau"),
    Sector.HRSS: ("人力资源和社会保障厅", "人力资源和社会保障局", "人力资源和社会保障局", "Human Resources and Social Security Bureau"),
    Sector.MIB: ("医疗保障局", "医疗保障局", "医疗保障分局", "Medical Insurance Bureau"),
    Sector.AMR: ("市场监督管理局", "市场监督管理局", "市场监督管理局", "Administration for Market Regulation"),
    Sector.TAX: ("税务局", "税务局", "税务局", "Tax Bureau"),
    Sector.NRB: ("自然资源厅", "规划和自然资源局", "规划和自然资源分局", "Natural Resources and Planning Bureau"),
    Sector.HUD: ("住房和城乡建设厅", "住房和城乡建设局", "住房和城乡建设局", "Housing and Urban-Rural Development Bureau"),
    Sector.HC: ("卫生健康委员会", "卫生健康委员会", "卫生健康局", "Health Commission"),
    Sector.EDU: ("教育厅", "教育局", "教育局", "Education Bureau"),
    Sector.TRN: ("交通运输厅", "交通运输局", "交通运输局", "Transport Bureau"),
    Sector.EEB: ("生态环境厅", "生态环境局", "生态环境分局", "Ecology and Environment Bureau"),
    Sector.FRB: ("消防救援总队", "消防救援支队", "消防救援大队", "Fire and Rescue"),
    Sector.HPF: ("省直住房公积金管理中心", "住房公积金管理中心", "住房公积金管理中心分中心", "Housing Provident Fund Centre"),
    Sector.DPF: ("残疾人联合会", "残疾人联合会", "残疾人联合会", "Disabled Persons' Federation"),
    Sector.UMB: ("综合行政执法指导办公室", "城市管理局", "综合行政执法局", "Urban Management and Enforcement"),
    Sector.TOB: ("烟草专卖局", "烟草专卖局", "烟草专卖局", "Tobacco Monopoly Administration"),
    Sector.CUS: ("杭州海关", "", "", "Hangzhou Customs"),
}
# County level keeps the departments that run most service windows.
COUNTY_SECTORS = [Sector.GOV, Sector.DATA, Sector.PSB, Sector.CA, Sector.HRSS, Sector.MIB, Sector.AMR, Sector.TAX,
                  Sector.NRB, Sector.HUD, Sector.HC, Sector.EDU, Sector.HPF, Sector.DPF, Sector.UMB, Sector.FRB]
# Where the demo staff work: the province, Hangzhou and Xihu district.
STAFFED_REGIONS = {"330000": "zj", "330100": "hz", "330106": "xihu"}


def _department_name(region: Region, sector: str) -> str:
    province_name, city_name, county_name, _en = SECTOR_NAMES[Sector(sector)]
    if sector == Sector.CUS:
        return province_name
    if sector == Sector.TAX:
        prefix = "国家税务总局" + ("" if region.level == RegionLevel.PROVINCE else region.parent.name if region.level == RegionLevel.COUNTY and region.parent.level == RegionLevel.CITY else "")
        return f"{prefix}{region.name}{province_name}"
    suffix = {RegionLevel.PROVINCE: province_name, RegionLevel.CITY: city_name, RegionLevel.COUNTY: county_name}[region.level]
    return f"{region.name}{suffix}"


def _government_uscc(region_code: str, key: str) -> str:
    """A valid USCC for a government organ (authority 1, type 1) derived from a stable key."""
    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    digest = int(hashlib.sha256(key.encode()).hexdigest(), 16)
    org = "".join(alphabet[(digest >> (5 * i)) % 31] for i in range(9))
    first17 = f"11{region_code}{org}"
    return first17 + uscc_check_character(first17)


@transaction.atomic
def seed_departments(ctx: SeedContext) -> None:
    regions = list(regions_in_force().select_related("parent").order_by("code"))
    by_key: dict[tuple[str, str], Department] = {
        (d.region.code, d.sector): d for d in Department.objects.select_related("region")
    }
    created = 0
    # One batch per level: a level's parents are saved (and have ids) before its children.
    for level in (RegionLevel.PROVINCE, RegionLevel.CITY, RegionLevel.COUNTY):
        batch = []
        for region in (r for r in regions if r.level == level):
            sectors = COUNTY_SECTORS if level == RegionLevel.COUNTY else [
                s for s in Sector if not (s == Sector.CUS and level != RegionLevel.PROVINCE)
            ]
            for sector in sectors:
                if (region.code, sector) in by_key:
                    continue
                parent_region = region.parent
                department = Department(
                    code=f"{region.code}-{sector}",
                    name=_department_name(region, sector),
                    name_en=f"{region.name_en} {SECTOR_NAMES[Sector(sector)][3]}",
                    sector=sector,
                    level=level,
                    region=region,
                    parent=by_key.get((parent_region.code, sector)) if parent_region else None,
                    uscc=_government_uscc(region.code, f"{region.code}-{sector}"),
                )
                batch.append(department)
        for department in Department.objects.bulk_create(batch, batch_size=500):
            by_key[(department.region.code, department.sector)] = department
        created += len(batch)
    ctx.stdout(f"departments: {created} created, {len(by_key)} in all")


STAFF_PLAN = [
    # (region code, sector, role, username suffix)
    *[(region, sector, role, short)
      for region in ("330100", "330106")
      for sector in (Sector.PSB, Sector.CA, Sector.HRSS, Sector.MIB, Sector.AMR, Sector.TAX, Sector.NRB, Sector.HC,
                     Sector.EDU, Sector.HPF, Sector.DPF)
      for role, short in ((StaffRole.CASE_OFFICER, "officer"), (StaffRole.DEPARTMENT_HEAD, "head"),
                          (StaffRole.DATA_OFFICER, "data"))],
    ("330106", Sector.GOV, StaffRole.WINDOW_CLERK, "window"),
    ("330100", Sector.GOV, StaffRole.WINDOW_CLERK, "window"),
    ("330000", Sector.GOV, StaffRole.EVALUATOR, "evaluator"),
    ("330100", Sector.GOV, StaffRole.EVALUATOR, "evaluator"),
    ("330000", Sector.DATA, StaffRole.ADMINISTRATOR, "admin"),
    ("330000", Sector.DATA, StaffRole.DATA_OFFICER, "data"),
]


@transaction.atomic
def seed_staff(ctx: SeedContext) -> None:
    password_hash = make_password(DEMO_PASSWORD)
    existing = set(User.objects.filter(kind=UserKind.STAFF).values_list("username", flat=True))
    departments = {(d.region.code, d.sector): d for d in Department.objects.select_related("region")}
    created = 0
    for region_code, sector, role, short in STAFF_PLAN:
        username = f"{STAFFED_REGIONS[region_code]}.{sector.lower()}.{short}"
        if username in existing:
            continue
        user = User.objects.create(
            kind=UserKind.STAFF, username=username, full_name=ctx.faker.name(), password=password_hash,
            department=departments[(region_code, sector)], email=f"{username}@gov.example.cn",
            is_staff=role == StaffRole.ADMINISTRATOR, is_superuser=role == StaffRole.ADMINISTRATOR,
        )
        StaffRoleAssignment.objects.create(user=user, role=role)
        existing.add(username)
        created += 1
    ctx.stdout(f"staff: {created} created ({len(STAFF_PLAN)} planned); password {DEMO_PASSWORD}")


def synthetic_id_number(ctx: SeedContext, division_code: str, birth: datetime.date, male: bool) -> str:
    sequence = ctx.rng.randrange(0, 500) * 2 + (1 if male else 0)
    first17 = f"{division_code}{birth:%Y%m%d}{sequence:03d}"
    return first17 + resident_id_check_character(first17)


@transaction.atomic
def seed_citizens(ctx: SeedContext) -> None:
    password_hash = make_password(DEMO_PASSWORD)
    counties = list(regions_in_force().filter(level=RegionLevel.COUNTY).values_list("code", flat=True))
    people = []
    for demo in (DEMO_CITIZEN, DEMO_FOUNDER):
        number = demo["id_number17"] + resident_id_check_character(demo["id_number17"])
        people.append(User(kind=UserKind.CITIZEN, username=number, id_number=number, full_name=demo["full_name"],
                           phone=demo["phone"], password=password_hash))
    for _ in range(ctx.citizens):
        male = ctx.rng.random() < 0.5
        # Fixed bounds, not an age relative to today: the same seed must give the same people on
        # any day, or re-seeding tomorrow would add a second population.
        birth = ctx.faker.date_between_dates(date_start=SYNTHETIC_BIRTHS[0], date_end=SYNTHETIC_BIRTHS[1])
        number = synthetic_id_number(ctx, ctx.rng.choice(counties), birth, male)
        name = ctx.faker.name_male() if male else ctx.faker.name_female()
        people.append(User(kind=UserKind.CITIZEN, username=number, id_number=number, full_name=name,
                           phone=ctx.faker.phone_number(), password=password_hash))
    User.objects.bulk_create(people, ignore_conflicts=True, batch_size=1000)
    ctx.stdout(f"citizens: {User.objects.filter(kind=UserKind.CITIZEN).count()} in all")


def synthetic_uscc(ctx: SeedContext, region_code: str) -> str:
    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    org = "MA" + "".join(ctx.rng.choice(alphabet) for _ in range(7))
    first17 = f"91{region_code}{org}"
    return first17 + uscc_check_character(first17)


@transaction.atomic
def seed_enterprises(ctx: SeedContext) -> None:
    regions = {r.code: r for r in regions_in_force().filter(level=RegionLevel.COUNTY)}
    founder_id = DEMO_FOUNDER["id_number17"] + resident_id_check_character(DEMO_FOUNDER["id_number17"])
    founder = User.objects.get(id_number=founder_id)
    plan = [(DEMO_ENTERPRISE["uscc17"] + uscc_check_character(DEMO_ENTERPRISE["uscc17"]), DEMO_ENTERPRISE["name"],
             regions[DEMO_ENTERPRISE["region"]], founder)]
    # The README's demo citizen acts for no enterprise, the demo founder for exactly one.
    demo_citizen_id = DEMO_CITIZEN["id_number17"] + resident_id_check_character(DEMO_CITIZEN["id_number17"])
    citizens = list(
        User.objects.filter(kind=UserKind.CITIZEN).exclude(pk=founder.pk).exclude(id_number=demo_citizen_id)
        .order_by("id_number")[:2000]
    )
    for _ in range(ctx.enterprises):
        region = regions[ctx.rng.choice(sorted(regions))]
        plan.append((synthetic_uscc(ctx, region.code), ctx.faker.company(), region, ctx.rng.choice(citizens)))
    existing = set(Enterprise.objects.values_list("uscc", flat=True))
    created = 0
    for uscc, name, region, representative in plan:
        if uscc in existing:
            continue
        enterprise = Enterprise.objects.create(
            uscc=uscc, name=name, region=region, address=ctx.faker.address(),
            legal_representative_name=representative.full_name,
            legal_representative_id_number=representative.id_number,
        )
        EnterpriseMandate.objects.create(enterprise=enterprise, user=representative,
                                         role=MandateRole.LEGAL_REPRESENTATIVE)
        existing.add(uscc)
        created += 1
    ctx.stdout(f"enterprises: {created} created, {len(existing)} in all")

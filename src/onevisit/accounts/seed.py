"""Demo province seed steps for accounts: departments per level, staff for every role, citizen
accounts for adults of the registries' synthetic population, and the enterprises they represent."""

import hashlib
from dataclasses import dataclass

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
from onevisit.core.identifiers import uscc_check_character
from onevisit.core.models import Region, RegionLevel
from onevisit.core.regions import regions_in_force
from onevisit.core.seeding import SeedContext
from onevisit.registries.synthesis import Population, PopulationPlan, counties_in_force

DEMO_PASSWORD = "Demo@2026!"  # noqa: S105 - the published demo password, never used outside the demo seed

# The demo people the README lists live in the synthetic population (registries/synthesis.py):
# 王小明 330106199003071236 (phone 13800000001), 李华 330108198506120042 (13800000002), legal
# representative of 杭州西湖示范科技有限公司 91330106MA2KH7QN0M.

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
    # The source departments' data officers: they decide requests for their registries' data.
    *[("330000", sector, StaffRole.DATA_OFFICER, "data")
      for sector in (Sector.PSB, Sector.CA, Sector.HRSS, Sector.MIB, Sector.AMR, Sector.TAX, Sector.NRB, Sector.HC,
                     Sector.EDU, Sector.HPF, Sector.DPF)],
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


# Citizen accounts are the adults of the registries' synthetic population (the same people the
# population registry holds), at most this many: a login account per synthetic person is not
# needed, and 20,000 accounts keep the seed of a million-person province within seconds here.
ACCOUNT_LIMIT = 20_000


@dataclass(frozen=True)
class AccountPopulation:
    adults: list[tuple[str, str, str]]  # (id number, name, phone)
    enterprises: list[dict]  # registry enterprises whose legal representative holds an account


_account_populations: dict[str, AccountPopulation] = {}


def account_population(ctx: SeedContext) -> AccountPopulation:
    """The first adults of the population (regenerated, not read from the registries: the
    generator is deterministic) and the enterprises they represent, in the registry's order."""
    plan = PopulationPlan(seed=ctx.seed, people=ctx.citizens, enterprises=ctx.enterprises)
    cached = _account_populations.get(plan.key)
    if cached:
        return cached
    population = Population(plan, counties_in_force())
    adults = list(population.adults(ACCOUNT_LIMIT))
    holders = {number for number, _name, _phone in adults}
    enterprises = [population.demo_profile | {"rep": population.demo_founder}]
    for index in sorted(population.reps):
        rep = population.reps[index]
        profile = population.profile(index)
        if rep[0] in holders and profile["status"] != "deregistered":
            enterprises.append(profile | {"rep": rep})
    result = AccountPopulation(adults=adults, enterprises=enterprises)
    _account_populations.clear()
    _account_populations[plan.key] = result
    return result


@transaction.atomic
def seed_citizens(ctx: SeedContext) -> None:
    password_hash = make_password(DEMO_PASSWORD)
    people = [
        User(kind=UserKind.CITIZEN, username=number, id_number=number, full_name=name, phone=phone,
             password=password_hash)
        for number, name, phone in account_population(ctx).adults
    ]
    User.objects.bulk_create(people, ignore_conflicts=True, batch_size=1000)
    ctx.stdout(f"citizens: {User.objects.filter(kind=UserKind.CITIZEN).count()} accounts in all "
               f"(the first {len(people)} adults of the population, at most {ACCOUNT_LIMIT})")


@transaction.atomic
def seed_enterprises(ctx: SeedContext) -> None:
    """The demo enterprise and the first ``--enterprises`` registry enterprises whose legal
    representative holds an account, each with that representative's mandate."""
    regions = {r.code: r for r in regions_in_force().filter(level=RegionLevel.COUNTY)}
    plan = account_population(ctx).enterprises[: ctx.enterprises + 1]
    users = {u.id_number: u for u in User.objects.filter(id_number__in=[p["rep"][0] for p in plan])}
    existing = set(Enterprise.objects.values_list("uscc", flat=True))
    created = 0
    for profile in plan:
        number, name = profile["rep"]
        if profile["uscc"] in existing or number not in users:
            continue
        enterprise = Enterprise.objects.create(
            uscc=profile["uscc"], name=profile["name"], region=regions[profile["county"].code],
            address=profile["address"], legal_representative_name=name, legal_representative_id_number=number,
        )
        EnterpriseMandate.objects.create(enterprise=enterprise, user=users[number],
                                         role=MandateRole.LEGAL_REPRESENTATIVE)
        existing.add(profile["uscc"])
        created += 1
    ctx.stdout(f"enterprises: {created} created, {len(existing)} in all")

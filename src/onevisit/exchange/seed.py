"""Demo seed: the catalogue from the providers, and a few grants so the demo has data flowing."""

from django.contrib.auth.hashers import make_password

from onevisit.accounts import services as account_services
from onevisit.accounts.models import Department, StaffRole, User
from onevisit.core.seeding import SeedContext
from onevisit.exchange import services
from onevisit.exchange.catalogue import owner_department_code
from onevisit.exchange.models import AccessGrant, DataItem, GrantStatus, PurposeKind, SharingClass

DEMO_PASSWORD = "Demo@2026!"  # noqa: S105 - the published demo password (see accounts.seed)

UNCONDITIONAL_FIELDS = "unconditional"  # every field that needs nobody's approval
# (consumer department, requesting staff, item, fields (None: every shareable field), purpose,
#  purpose label, legal basis)
DEMO_GRANTS = [
    ("330106-PSB", "xihu.psb.data", "population.hukou", None, "DEMO-M01", "出生登记",
     "《中华人民共和国户口登记条例》第七条：婴儿出生后一个月以内申报出生登记"),
    ("330106-PSB", "xihu.psb.data", "marriage.status", None, "DEMO-M01", "出生登记",
     "《中华人民共和国户口登记条例》第七条；出生登记需核验父母婚姻状况"),
    ("330100-AMR", "hz.amr.data", "enterprise.registration", UNCONDITIONAL_FIELDS, "DEMO-M23", "企业变更登记",
     "《中华人民共和国市场主体登记管理条例》第二十四条"),
]


def seed_catalogue(ctx: SeedContext) -> None:
    report = services.catalogue_sync_from_providers()
    ctx.stdout(
        f"catalogue {report.version}: {len(report.created)} created, {len(report.updated)} updated, "
        f"{len(report.unchanged)} unchanged, {len(report.deactivated)} deactivated"
        + (f"; providers not answering: {', '.join(sorted(report.failed_providers))}" if report.failed_providers else "")
    )


def _owner_data_officer(item: DataItem) -> User:
    """The owner department's data officer, created for the demo if the province has none."""
    department = Department.objects.get(code=owner_department_code(item.registry))
    officer = User.objects.filter(department=department, role_assignments__role=StaffRole.DATA_OFFICER).first()
    if officer is None:
        username = f"zj.{department.sector.lower()}.data"
        officer = account_services.staff_create(
            username=username, full_name=f"{department.name}数据专员", department=department,
            roles=[StaffRole.DATA_OFFICER], password_hash=make_password(DEMO_PASSWORD),
            email=f"{username}@gov.example.cn",
        )
    return officer


def seed_grants(ctx: SeedContext) -> None:
    created = 0
    for consumer_code, username, item_code, fields, purpose, label, basis in DEMO_GRANTS:
        consumer = Department.objects.filter(code=consumer_code).first()
        requester = User.objects.filter(username=username).first()
        item = DataItem.objects.filter(code=item_code, is_active=True).first()
        if consumer is None or requester is None or item is None:
            ctx.stdout(f"grant {consumer_code} {item_code}: skipped (department, staff or item missing)")
            continue
        if AccessGrant.objects.filter(consumer=consumer, item=item, purpose=purpose,
                                      status__in=[GrantStatus.GRANTED, GrantStatus.REQUESTED]).exists():
            continue
        if fields == UNCONDITIONAL_FIELDS:
            fields = [f.name for f in item.fields.all() if f.effective_sharing_class(item) == SharingClass.UNCONDITIONAL]
        grant = services.grant_request(
            consumer=consumer, item_code=item_code, fields=fields, purpose=purpose, purpose_kind=PurposeKind.MATTER,
            purpose_label=label, legal_basis=basis, requested_by=requester,
        )
        if grant.status == GrantStatus.REQUESTED:
            services.grant_decide(grant_id=grant.pk, decided_by=_owner_data_officer(item), approve=True,
                                  reason="依据充分，同意共享。")
        created += 1
    ctx.stdout(f"access grants: {created} created")

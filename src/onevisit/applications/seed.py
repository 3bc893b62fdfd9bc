"""Demo seed: the grants every seeded matter needs for what its applications fetch.

For each matter and each registry item it fetches (shared materials; certificates come from
the wallet), the department that handles it in the demo regions (province 330000,
Hangzhou 330100, Xihu 330106) asks for every shareable field for that matter, and the item's
owner's data officer approves a conditional request.
"""

from __future__ import annotations

from django.contrib.auth.hashers import make_password

from onevisit.accounts import services as account_services
from onevisit.accounts.models import Department, StaffRole, User
from onevisit.applications.selectors import DEMO_CITY, DEMO_COUNTY, PROVINCE
from onevisit.catalogue.models import MaterialSource, Matter
from onevisit.core.errors import DomainError
from onevisit.core.seeding import SeedContext
from onevisit.exchange import services as exchange_services
from onevisit.exchange.models import AccessGrant, DataItem, GrantStatus, PurposeKind
from onevisit.exchange.seed import DEMO_PASSWORD, _owner_data_officer

LEVEL_REGION = {"county": DEMO_COUNTY, "city": DEMO_CITY, "province": PROVINCE}
PREFIX = {DEMO_COUNTY: "xihu", DEMO_CITY: "hz", PROVINCE: "zj"}


def needed_grants() -> list[tuple[str, str, str, str, str]]:
    """(consumer department code, item code, matter code, matter name, legal basis), once each."""
    out: dict[tuple[str, str, str], tuple[str, str, str, str, str]] = {}
    for matter in Matter.objects.prefetch_related("materials__certificate_type").order_by("code"):
        region = LEVEL_REGION[matter.implementing_level]
        consumer = f"{region}-{matter.competent_sector}"
        for material in matter.materials.all():
            item = ""
            # Certificates come from the wallet (the issuer's own data), which needs no grant.
            if material.source == MaterialSource.SHARED:
                item = material.data_item
            if item:
                out.setdefault((consumer, item, matter.code),
                               (consumer, item, matter.code, matter.name, matter.legal_basis or matter.name))
    return list(out.values())


def _requester(department: Department) -> User:
    user = User.objects.filter(department=department, role_assignments__role__in=[
        StaffRole.DATA_OFFICER, StaffRole.DEPARTMENT_HEAD]).order_by("id").first()
    if user is None:
        username = f"{PREFIX.get(department.region.code, department.region.code)}.{department.sector.lower()}.data"
        user = account_services.staff_create(
            username=username, full_name=f"{department.name}数据专员", department=department,
            roles=[StaffRole.DATA_OFFICER], password_hash=make_password(DEMO_PASSWORD),
            email=f"{username}@gov.example.cn")
    return user


def seed_grants(ctx: SeedContext) -> None:
    created, skipped = 0, []
    departments = {d.code: d for d in Department.objects.select_related("region")}
    items = {i.code: i for i in DataItem.objects.filter(is_active=True)}
    have = set(AccessGrant.objects.filter(status__in=[GrantStatus.GRANTED, GrantStatus.REQUESTED, GrantStatus.REFUSED])
               .values_list("consumer__code", "item__code", "purpose"))
    for consumer_code, item_code, purpose, label, basis in needed_grants():
        if (consumer_code, item_code, purpose) in have:
            continue
        # No such department at that level (TRN, EEB, TOB have none in a county): the province's,
        # as selectors.handling_department falls back.
        consumer = departments.get(consumer_code) or departments.get(f"{PROVINCE}-{consumer_code.split('-')[1]}")
        item = items.get(item_code)
        if consumer is not None and (consumer.code, item_code, purpose) in have:
            continue
        if consumer is None or item is None:
            skipped.append(f"{consumer_code}/{item_code}")
            continue
        try:
            grant = exchange_services.grant_request(
                consumer=consumer, item_code=item_code, fields=None, purpose=purpose,
                purpose_kind=PurposeKind.MATTER, purpose_label=label[:200], legal_basis=basis,
                requested_by=_requester(consumer))
            if grant.status == GrantStatus.REQUESTED:
                exchange_services.grant_decide(grant_id=grant.pk, decided_by=_owner_data_officer(item), approve=True,
                                               reason="依据充分，同意共享。")
        except DomainError as exc:
            skipped.append(f"{consumer_code}/{item_code}/{purpose}: {exc.code}")
            continue
        created += 1
    ctx.stdout(f"application grants: {created} created" + (f"; skipped {', '.join(skipped)}" if skipped else ""))

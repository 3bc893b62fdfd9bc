"""Demo seed: the grants the wallet import needs, and certificates in the demo citizens' wallets
(existing ones from the registries, one passport revoked), so the wallet is never empty."""

from __future__ import annotations

from onevisit.accounts.models import Department, Enterprise, StaffRole, User
from onevisit.catalogue.models import CertificateType
from onevisit.certificates.from_registries import (
    LEGAL_BASIS,
    PURPOSE,
    PURPOSE_LABEL,
    SOURCES,
    import_for_holder,
    issuing_department,
)
from onevisit.certificates.issuing import certificate_issue
from onevisit.certificates.models import CertificateStatus, HolderKind, RegistryImport
from onevisit.certificates.status_changes import certificate_status_change
from onevisit.core.errors import DomainError
from onevisit.core.seeding import SeedContext
from onevisit.registries.synthesis import DEMO_CITIZEN_ID, DEMO_ENTERPRISE_USCC, DEMO_FOUNDER_ID


def seed_wallet_grants(ctx: SeedContext) -> None:
    """Each registry's owner department may read its own certificate items for ``CERT-WALLET``."""
    from onevisit.applications.seed import _requester
    from onevisit.exchange import services as exchange_services
    from onevisit.exchange.models import AccessGrant, DataItem, GrantStatus, PurposeKind
    from onevisit.exchange.seed import _owner_data_officer

    created = 0
    for source in SOURCES:
        department = issuing_department(source)
        item = DataItem.objects.filter(code=source.item, is_active=True).first()
        if department is None or item is None or AccessGrant.objects.filter(
                consumer=department, item=item, purpose=PURPOSE,
                status__in=[GrantStatus.GRANTED, GrantStatus.REQUESTED]).exists():
            continue
        try:
            grant = exchange_services.grant_request(
                consumer=department, item_code=source.item, fields=None, purpose=PURPOSE,
                purpose_kind=PurposeKind.MATTER, purpose_label=PURPOSE_LABEL, legal_basis=LEGAL_BASIS,
                requested_by=_requester(department))
            if grant.status == GrantStatus.REQUESTED:
                exchange_services.grant_decide(grant_id=grant.pk, decided_by=_owner_data_officer(item), approve=True,
                                               reason="电子证照归集，同意共享。")
            created += 1
        except DomainError as exc:
            ctx.stdout(f"wallet grant {source.item}: skipped ({exc.code})")
    ctx.stdout(f"wallet grants: {created} created")


def _revoked_passport(holder: User) -> bool:
    """One certificate in the demo that shows how a revoked one looks (a passport reported lost)."""
    passport = CertificateType.objects.filter(code="passport").first()
    department = Department.objects.filter(code="330100-PSB").first()  # 杭州市公安局 (exit-entry)
    officer = User.objects.filter(department=department, role_assignments__role=StaffRole.CASE_OFFICER).first()
    if passport is None or department is None or officer is None:
        return False
    certificate, _created = certificate_issue(
        certificate_type=passport, department=department, holder_kind=HolderKind.PERSON, holder_id=holder.id_number,
        holder_name=holder.full_name, holder_user=holder, source="registry", source_reference="demo:passport:E00000001:1",
        data={"passport_number": "E00000001", "name": holder.full_name, "issued_on": "2019-05-20"},
        number="E00000001")
    if certificate.status == CertificateStatus.VALID:
        certificate_status_change(certificate_id=certificate.pk, action="revoked", user=officer,
                                  reason="持证人申报护照遗失，原证件作废")
    return True


def seed_wallets(ctx: SeedContext) -> None:
    issued = 0
    holders = [(HolderKind.PERSON, u.id_number, u.full_name, u)
               for u in User.objects.filter(id_number__in=[DEMO_CITIZEN_ID, DEMO_FOUNDER_ID])]
    holders += [(HolderKind.ENTERPRISE, e.uscc, e.name, User.objects.filter(id_number=DEMO_FOUNDER_ID).first())
                for e in Enterprise.objects.filter(uscc=DEMO_ENTERPRISE_USCC)]
    for kind, holder_id, name, user in holders:
        certificates, complete = import_for_holder(holder_kind=kind, holder_id=holder_id, holder_name=name,
                                                   holder_user=user)
        if complete:
            RegistryImport.objects.get_or_create(holder_id=holder_id, defaults={"issued": len(certificates)})
        issued += len(certificates)
    citizen = User.objects.filter(id_number=DEMO_CITIZEN_ID).first()
    revoked = citizen is not None and _revoked_passport(citizen)
    ctx.stdout(f"wallets: {issued} certificates from registries" + ("; one passport revoked" if revoked else ""))

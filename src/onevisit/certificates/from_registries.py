"""Existing certificates (存量证照) from the departments' registries, into the wallet.

Each source names a registry item that holds a certificate's data and how its record becomes the
face data. The data is read through the sharing gateway (a real, logged call with the purpose
``CERT-WALLET``), by the issuing department: the registry's owner. A record at one version gives
one certificate per holder (the source reference is ``<item>:<holder>:<record id>:<version>``), so
running the import again, from the wallet or the bulk command, issues nothing new.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from onevisit.accounts.models import Department, Enterprise, User, UserKind
from onevisit.catalogue.models import CertificateType
from onevisit.certificates.issuing import certificate_issue
from onevisit.certificates.models import Certificate, CertificateSource, HolderKind, RegistryImport
from onevisit.core.errors import DomainError
from onevisit.exchange.catalogue import owner_department_code

logger = logging.getLogger("onevisit.certificates")

PURPOSE = "CERT-WALLET"
PURPOSE_LABEL = "存量电子证照归集"
LEGAL_BASIS = "《国务院关于加快推进全国一体化在线政务服务平台建设的指导意见》（国发〔2018〕27号）：推进电子证照归集共享"

Face = Callable[[Mapping[str, Any], str, str], dict[str, Any]]


@dataclass(frozen=True)
class RegistrySource:
    type_code: str
    item: str
    holder_kind: str
    face: Face  # (record data, holder id, holder name) -> face data; {} means "no certificate"

    @property
    def registry(self) -> str:
        return self.item.split(".", 1)[0]


def _male(id_number: str) -> bool:
    return len(id_number) == 18 and id_number[16].isdigit() and int(id_number[16]) % 2 == 1


def _marriage(d, holder_id, name):
    if d.get("marital_status") != "married" or not d.get("certificate_number"):
        return {}
    me, spouse = (name, holder_id), (d.get("spouse_name"), d.get("spouse_id_number"))
    a, b = (me, spouse) if _male(holder_id) else (spouse, me)
    return {"certificate_number": d["certificate_number"], "registered_on": d.get("registered_on"),
            "party_a_name": a[0], "party_a_id_number": a[1], "party_b_name": b[0], "party_b_id_number": b[1]}


def _hukou(d, holder_id, name):
    if not d.get("household_number"):
        return {}
    return {"household_number": d["household_number"], "head_name": d.get("head_name"), "address": d.get("address")}


def _property(d, holder_id, name):
    if not d.get("certificate_number"):
        return {}
    return {"certificate_number": d["certificate_number"], "owner": name, "location": d.get("address"),
            "unit_number": d.get("unit_number"), "right_type": d.get("right_type"), "use": d.get("use"),
            "area": d.get("area"), "co_ownership": "共同共有" if d.get("co_owners") else "单独所有"}


def _diploma(d, holder_id, name):
    if not d.get("certificate_number"):
        return {}
    return {"certificate_number": d["certificate_number"], "name": name, "school": d.get("school"),
            "major": d.get("major"), "level": d.get("level"), "graduated_on": d.get("graduated_on")}


def _disability(d, holder_id, name):
    if not d.get("certificate_number"):
        return {}
    return {"certificate_number": d["certificate_number"], "name": name, "category": d.get("category_name"),
            "grade": d.get("grade"), "guardian_name": d.get("guardian_name"), "valid_until": d.get("valid_until")}


def _birth(d, holder_id, name):
    # The registry answers a parent with their children's certificates; the parent holds them.
    if not d.get("certificate_number"):
        return {}
    keys = ("certificate_number", "child_name", "sex", "born_at", "weight_grams", "hospital", "mother_name",
            "mother_id_number", "father_name", "father_id_number")
    return {k: d.get(k) for k in keys}


def _licence(d, holder_id, name):
    if d.get("status") == "deregistered":
        return {}
    return {"uscc": d.get("uscc"), "name": d.get("name"), "entity_type": d.get("entity_type"),
            "legal_representative": d.get("legal_representative_name"),
            "registered_capital": d.get("registered_capital"), "founded_on": d.get("founded_on"),
            "address": d.get("address"), "business_scope": d.get("business_scope")}


SOURCES = (
    RegistrySource("marriage_certificate", "marriage.status", HolderKind.PERSON, _marriage),
    RegistrySource("hukou_booklet", "population.hukou", HolderKind.PERSON, _hukou),
    RegistrySource("real_estate_title", "real_estate.property", HolderKind.PERSON, _property),
    RegistrySource("diploma", "education.diploma", HolderKind.PERSON, _diploma),
    RegistrySource("disability_card", "disability.certificate", HolderKind.PERSON, _disability),
    RegistrySource("birth_medical", "health.birth_certificate", HolderKind.PERSON, _birth),
    RegistrySource("business_licence", "enterprise.registration", HolderKind.ENTERPRISE, _licence),
)


def issuing_department(source: RegistrySource) -> Department | None:
    return Department.objects.filter(code=owner_department_code(source.registry)).first()


def department_system_user(department: Department) -> User:
    """The department's certificate-issuing system account (acts in the gateway for the bulk job)."""
    from onevisit.accounts.services import system_user_create

    username = f"cert.issuer.{department.code.lower()}"
    user = User.objects.filter(username=username, kind=UserKind.SYSTEM).first()
    return user or system_user_create(username=username, full_name=f"{department.name}电子证照签发系统",
                                      department=department)


def _date(value: Any):
    import datetime

    try:
        return datetime.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def import_for_holder(*, holder_kind: str, holder_id: str, holder_name: str, holder_user: User | None,
                      acting_user: User | None = None) -> tuple[list[Certificate], bool]:
    """Issue every certificate the registries hold for one holder that is not in the wallet yet.

    ``acting_user`` is who the gateway call is made for: the holder themselves (a wallet visit) or,
    when None, the issuing department's system account (the bulk job). A registry that fails or
    refuses is logged and skipped: the next run tries again. Returns the newly issued certificates
    and whether every registry answered (only then is the holder marked as imported).
    """
    from onevisit.exchange.gateway import gateway_fetch

    issued, complete = [], True
    types = {t.code: t for t in CertificateType.objects.filter(code__in=[s.type_code for s in SOURCES])}
    for source in SOURCES:
        department = issuing_department(source)
        if source.holder_kind != holder_kind or department is None or source.type_code not in types:
            continue
        actor = acting_user or department_system_user(department)
        try:
            evidence = gateway_fetch(consumer=department, purpose=PURPOSE, subject=holder_id, acting_user=actor,
                                     reference=f"WALLET-{holder_id}", item=source.item)
        except DomainError as exc:
            logger.info("registry import %s for %s: %s", source.item, holder_id[:6], exc.code)
            # Any failure leaves the holder not imported, so the next visit or run tries again: a
            # provider that was down comes back, and a missing grant is a set-up gap that gets fixed.
            complete = False
            continue
        for record in evidence.records:
            face = source.face(record.data, holder_id, holder_name)
            if not face:
                continue
            certificate, created = certificate_issue(
                certificate_type=types[source.type_code], department=department, holder_kind=holder_kind,
                holder_id=holder_id, holder_name=holder_name, holder_user=holder_user, data=face,
                valid_until=_date(face.get("valid_until")), number=str(face.get("certificate_number") or ""),
                source=CertificateSource.REGISTRY,
                # Spouses share a marriage record and a household its hukou record: the holder is
                # part of the source, so each of them gets their own certificate.
                source_reference=f"{source.item}:{holder_id}:{record.record_id}:{record.version}",
                version=record.version)
            if created:
                issued.append(certificate)
    return issued, complete


def _holders_of(user: User) -> Iterator[tuple[str, str, str]]:
    from onevisit.accounts.selectors import enterprises_acted_for

    if user.id_number:
        yield HolderKind.PERSON, user.id_number, user.full_name
    for enterprise in enterprises_acted_for(user=user):
        yield HolderKind.ENTERPRISE, enterprise.uscc, enterprise.name


def wallet_first_visit(*, user: User) -> int:
    """On a citizen's first wallet visit, pull their (and their enterprises') existing certificates.

    Runs once per holder (RegistryImport remembers it); returns how many were issued now.
    """
    count = 0
    for kind, holder_id, name in _holders_of(user):
        if RegistryImport.objects.filter(holder_id=holder_id).exists():
            continue
        issued, complete = import_for_holder(holder_kind=kind, holder_id=holder_id, holder_name=name,
                                             holder_user=user, acting_user=user)
        if complete:
            RegistryImport.objects.get_or_create(holder_id=holder_id, defaults={"issued": len(issued)})
        count += len(issued)
    return count


def bulk_holders(limit: int | None = None) -> Iterator[tuple[str, str, str, User | None]]:
    """Every registered citizen and enterprise not imported yet (the bulk command's work list)."""
    done = set(RegistryImport.objects.values_list("holder_id", flat=True))
    seen = 0
    for user in User.objects.filter(kind=UserKind.CITIZEN).exclude(id_number__in=done).order_by("id").iterator():
        if limit is not None and seen >= limit:
            return
        seen += 1
        yield HolderKind.PERSON, user.id_number or "", user.full_name, user
    for enterprise in Enterprise.objects.exclude(uscc__in=done).order_by("id").iterator():
        if limit is not None and seen >= limit:
            return
        seen += 1
        yield HolderKind.ENTERPRISE, enterprise.uscc, enterprise.name, None


def bulk_import(*, limit: int | None = None, progress: Callable[[int, int, str], None] | None = None) -> int:
    """Import for every holder not imported yet, by the issuing departments' system accounts."""
    holders = list(bulk_holders(limit))
    total = 0
    for number, (kind, holder_id, name, user) in enumerate(holders, start=1):
        issued, complete = import_for_holder(holder_kind=kind, holder_id=holder_id, holder_name=name,
                                             holder_user=user)
        if complete:
            RegistryImport.objects.get_or_create(holder_id=holder_id, defaults={"issued": len(issued),
                                                                                "imported_at": timezone.now()})
        total += len(issued)
        if progress is not None:
            progress(number, len(holders), holder_id)
    return total

"""Issuing a certificate: identifier, status-list index, SD-JWT VC, one row, one history event.

Issuing is idempotent on the source: the same ``(source, source_reference)`` (a case, or a
registry record at one version) always gives back the first certificate, so a retried job or a
second wallet visit never issues twice. Index allocation takes a row lock on the department's
StatusList, so concurrent issues by one department get distinct indexes (PostgreSQL serialises on
the lock; SQLite on its single writer); a unique constraint on (department, index) backs it up.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any
from zoneinfo import ZoneInfo

from django.db import IntegrityError, transaction
from django.utils import timezone

from onevisit.accounts.models import Department, User
from onevisit.catalogue.models import CertificateType
from onevisit.certificates.holders import holder_public_jwk
from onevisit.certificates.identifiers import identifier_build
from onevisit.certificates.keys import issuer_key_active, signing_jwk
from onevisit.certificates.models import (
    Certificate,
    CertificateAction,
    CertificateEvent,
    CertificateSource,
    HolderKind,
    StatusList,
)
from onevisit.certificates.publishing import issuer_url, status_list_url
from onevisit.certificates.sd_jwt_vc import vc_issue

CHINA = ZoneInfo("Asia/Shanghai")
VCT_PREFIX = "urn:onevisit:certificate:"


def type_code(certificate_type: CertificateType) -> str:
    """The identifier's type part: our catalogue code in upper case without underscores."""
    return certificate_type.code.upper().replace("_", "")


def issuer_code(department: Department) -> str:
    """The identifier's issuer part: the department's USCC, or its code when it has none."""
    return department.uscc or department.code.upper().replace("-", "")


def index_allocate(department: Department) -> int:
    """Take the next free status-list index of ``department``; call inside a transaction."""
    StatusList.objects.get_or_create(department=department)
    row = StatusList.objects.select_for_update().get(department=department)
    index = row.next_index
    row.next_index = index + 1
    row.save(update_fields=["next_index", "updated_at"])
    return index


def _exp(valid_until: datetime.date | None) -> int | None:
    if valid_until is None:
        return None
    end = datetime.datetime.combine(valid_until + datetime.timedelta(days=1), datetime.time.min, tzinfo=CHINA)
    return int(end.timestamp())


def _jsonable(data: Mapping[str, Any]) -> dict[str, Any]:
    out = {}
    for name, value in data.items():
        if value is None or value == "":
            continue
        out[name] = value.isoformat() if isinstance(value, datetime.date | datetime.datetime) else (
            value if isinstance(value, str | int | float | bool | list | dict) else str(value))
    return out


def certificate_issue(
    *, certificate_type: CertificateType, department: Department, holder_kind: str, holder_id: str,
    holder_name: str, data: Mapping[str, Any], source: str, source_reference: str,
    holder_user: User | None = None, valid_until: datetime.date | None = None, number: str = "",
    case=None, version: int = 1,
) -> tuple[Certificate, bool]:
    """Issue one certificate, or return the one already issued from this source.

    Returns ``(certificate, created)``. Guarantees: a unique identifier with its check character;
    a status-list index no other certificate of ``department`` has; every data field selectively
    disclosable in the SD-JWT VC, with the holder's key in ``cnf.jwk`` and the status reference;
    an ``issued`` history event. Raises ValueError for an unknown holder kind or source.
    """
    if holder_kind not in HolderKind.values or source not in CertificateSource.values:
        raise ValueError("unknown holder kind or source")
    existing = Certificate.objects.filter(source=source, source_reference=source_reference).first()
    if existing is not None:
        return existing, False
    clean = _jsonable(data)
    cnf = {"jwk": holder_public_jwk(holder_id)}
    try:
        with transaction.atomic():
            index = index_allocate(department)
            identifier = identifier_build(type_code=type_code(certificate_type), issuer_code=issuer_code(department),
                                          serial=f"{index + 1:08d}", version=str(version))
            key = issuer_key_active(department=department)
            now = timezone.now()
            sd_jwt = vc_issue(
                key=signing_jwk(key), kid=key.kid, iss=issuer_url(department),
                vct=VCT_PREFIX + certificate_type.code, iat=int(now.timestamp()), exp=_exp(valid_until), data=clean,
                registered={"cnf": cnf, "status": {"status_list": {"idx": index, "uri": status_list_url(department)}}},
            )
            certificate = Certificate.objects.create(
                identifier=identifier, certificate_type=certificate_type, number=number or identifier,
                holder_kind=holder_kind, holder_id=holder_id, holder_name=holder_name, holder_user=holder_user,
                department=department, data=clean, issued_at=now, valid_until=valid_until, status_index=index,
                sd_jwt=sd_jwt, source=source, source_reference=source_reference, case=case, version=version,
            )
            CertificateEvent.objects.create(certificate=certificate, action=CertificateAction.ISSUED, at=now)
    except IntegrityError:
        # Another run issued from the same source first: theirs stands.
        existing = Certificate.objects.filter(source=source, source_reference=source_reference).first()
        if existing is None:
            raise
        return existing, False
    return certificate, True

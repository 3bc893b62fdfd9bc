"""What a verifier fetches from us: the issuer URL, the JWKS and the status list of a department.

The issuer URL is the ``iss`` of every certificate the department signs; its JWKS is served at
``<iss>/jwks.json`` and its Token Status List at ``<iss>/status-list`` (``typ statuslist+jwt``).
The list is built from the certificates' current status each time it is served, so a
revocation shows at once.
"""

from __future__ import annotations

import time

from django.conf import settings

from onevisit.accounts.models import Department
from onevisit.certificates import status_list
from onevisit.certificates.keys import issuer_jwks, issuer_key_active, signing_jwk
from onevisit.certificates.models import Certificate, CertificateStatus

PREFIX = "/.well-known/onevisit/issuers"
# Token status values of our certificate statuses (draft-ietf-oauth-status-list §7.1).
TOKEN_STATUS = {
    CertificateStatus.VALID: status_list.VALID,
    CertificateStatus.SUSPENDED: status_list.SUSPENDED,
    CertificateStatus.REVOKED: status_list.INVALID,
    CertificateStatus.CANCELLED: status_list.INVALID,
}
STATUS_LIST_TTL = 300  # seconds a verifier may cache the list


def issuer_url(department: Department) -> str:
    return f"{settings.ONEVISIT_PUBLIC_URL}{PREFIX}/{department.code}"


def status_list_url(department: Department) -> str:
    return f"{issuer_url(department)}/status-list"


def department_statuses(department: Department) -> list[int]:
    """One token status per allocated index; an index never used (none yet) reads as valid."""
    rows = Certificate.objects.filter(department=department).values_list("status_index", "status")
    size = max((index for index, _s in rows), default=-1) + 1
    statuses = [status_list.VALID] * size
    for index, status in rows:
        statuses[index] = TOKEN_STATUS[CertificateStatus(status)]
    return statuses


def status_list_token_make(department: Department, *, now: int | None = None) -> str:
    """The department's current status list, signed with its active key."""
    key = issuer_key_active(department=department)
    return status_list.status_list_token(
        key=signing_jwk(key), kid=key.kid, uri=status_list_url(department), statuses=department_statuses(department),
        iat=int(time.time()) if now is None else now, ttl=STATUS_LIST_TTL,
    )


def verifier_cache(departments: list[Department]) -> tuple[dict, dict]:
    """(issuer URL -> JWKS, status list URL -> lst) for ``departments``: what ``cert verify --cache`` reads."""
    jwks = {issuer_url(d): issuer_jwks(department=d) for d in departments}
    lists = {status_list_url(d): status_list.status_list_encode(department_statuses(d)) for d in departments}
    return jwks, lists

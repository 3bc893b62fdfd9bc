"""What a verifier fetches from us: the issuer URL, the JWKS and the status list of a department.

The issuer URL is the ``iss`` of every certificate the department signs; its JWKS is served at
``<iss>/jwks.json`` and its Token Status List at ``<iss>/status-list`` (``typ statuslist+jwt``).
The list is built from the certificates' current status; a built list is reused (Django's cache)
while its department's ``StatusList.version`` and ``next_index`` stay the same and for at most
``STATUS_LIST_REUSE`` seconds, so a revocation shows on the next request and a big issuer's list
(100,000 certificates: a query of every row and 46 ms of encoding) is not rebuilt per verifier.
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
STATUS_LIST_REUSE = 60  # seconds we serve one signed list while nothing changes (its iat stays recent)


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


def status_list_token_make(department: Department, *, now: int | None = None, key=None) -> str:
    """The department's current status list, signed with its active key (or ``key``)."""
    key = key or issuer_key_active(department=department)
    return status_list.status_list_token(
        key=signing_jwk(key), kid=key.kid, uri=status_list_url(department), statuses=department_statuses(department),
        iat=int(time.time()) if now is None else now, ttl=STATUS_LIST_TTL,
    )


def _list_state(department: Department) -> tuple[int, int] | None:
    """(version, next_index) of the department's status list; None before its first certificate."""
    from onevisit.certificates.models import StatusList

    return StatusList.objects.filter(department=department).values_list("version", "next_index").first()


def _reused(entry: str, build):
    from django.core.cache import cache

    value = cache.get(entry)
    if value is None:
        value = build()
        cache.set(entry, value, timeout=STATUS_LIST_REUSE)
    return value


def status_list_token_current(department: Department) -> str:
    """``status_list_token_make``, reused while the department's certificates are unchanged."""
    state = _list_state(department)
    signing = issuer_key_active(department=department)
    if state is None:  # nothing issued yet
        return status_list_token_make(department, key=signing)
    # The signing key's kid is part of the entry: after a rotation the list is signed anew.
    return _reused(f"ov:certificates:status-list:{department.pk}:{signing.kid}:{state[0]}:{state[1]}",
                   lambda: status_list_token_make(department, key=signing))


def department_lst(department: Department) -> str:
    """The department's encoded list (``lst``), built now."""
    return status_list.status_list_encode(department_statuses(department))


def status_list_lst_current(department: Department) -> str:
    """``department_lst``, reused like the signed list: what our own verifier reads for every
    check, which would otherwise read every certificate row of the issuer."""
    state = _list_state(department)
    if state is None:
        return department_lst(department)
    return _reused(f"ov:certificates:status-lst:{department.pk}:{state[0]}:{state[1]}",
                   lambda: department_lst(department))


def verifier_cache(departments: list[Department], *, current: bool = False) -> tuple[dict, dict]:
    """(issuer URL -> JWKS, status list URL -> lst) for ``departments``: what ``cert verify --cache``
    reads (built afresh), and what our online verifier checks against (``current``: the reused
    list, see ``status_list_lst_current``)."""
    jwks = {issuer_url(d): issuer_jwks(department=d) for d in departments}
    lst = status_list_lst_current if current else department_lst
    lists = {status_list_url(d): lst(d) for d in departments}
    return jwks, lists

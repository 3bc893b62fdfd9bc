"""API of e-certificates: the holder's wallet (list, detail) and the issuer's status changes.

Thin: each operation is one selector or service call; errors are the typed domain errors."""

import datetime
from typing import Annotated, Any, Literal

from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from onevisit.accounts.models import Enterprise
from onevisit.accounts.selectors import enterprises_acted_for
from onevisit.api.auth import session_or_token
from onevisit.api.pagination import BoundedLimitOffsetPagination
from onevisit.certificates import selectors
from onevisit.certificates.status_changes import certificate_status_change
from onevisit.core.errors import NotFound

router = Router(tags=["certificates"])

Identifier = Annotated[str, Field(min_length=20, max_length=128, pattern=r"^[0-9A-Z.]+$")]


class CertificateOut(Schema):
    identifier: str
    type_code: str = Field(alias="certificate_type.code")
    type_name: str = Field(alias="certificate_type.name")
    holder_kind: str
    holder_name: str
    issuer_code: str = Field(alias="department.code")
    issuer_name: str = Field(alias="department.name")
    status: str
    issued_at: datetime.datetime
    valid_until: datetime.date | None


class CertificateDetailOut(CertificateOut):
    data: dict[str, Any]
    status_reason: str
    status_changed_at: datetime.datetime | None
    source: str
    version: int
    sd_jwt: str


class StatusChangeIn(Schema):
    action: Literal["suspended", "resumed", "revoked", "cancelled"]
    reason: str = Field(min_length=1, max_length=500)


def _enterprise(request, uscc: str | None) -> Enterprise | None:
    if not uscc:
        return None
    enterprise = enterprises_acted_for(user=request.user).filter(uscc=uscc.upper()).first()
    if enterprise is None:
        raise NotFound(_("您无权代该企业查看证照。"), code="enterprise_not_found", details={"enterprise": uscc})
    return enterprise


@router.get("/wallet/certificates", response=list[CertificateOut], auth=session_or_token,
            summary="My certificates (我的证照), or an enterprise's I act for")
@paginate(BoundedLimitOffsetPagination)
def wallet_list(request, enterprise: Annotated[str | None, Field(max_length=18)] = None):
    """``enterprise``: the USCC of an enterprise the caller acts for, to see its certificates."""
    return selectors.wallet_certificates(user=request.user, enterprise=_enterprise(request, enterprise))


@router.get("/wallet/certificates/{identifier}", response=CertificateDetailOut, auth=session_or_token,
            summary="One of my certificates, with its fields and the signed SD-JWT VC")
def wallet_detail(request, identifier: Identifier):
    return selectors.wallet_certificate_get(user=request.user, identifier=identifier)


@router.post("/certificates/{identifier}/status", response=CertificateOut, auth=session_or_token,
             summary="Suspend, resume, revoke or cancel a certificate (issuing department only)")
def status_change(request, identifier: Identifier, payload: StatusChangeIn):
    certificate = selectors.certificate_get(identifier=identifier)
    return certificate_status_change(certificate_id=certificate.pk, action=payload.action, user=request.user,
                                     reason=payload.reason)

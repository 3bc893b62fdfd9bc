"""API of the public data platform: the catalogue, grants and the sharing gateway (thin: each
operation maps the request to one selector or service)."""

import datetime
from typing import Annotated, Any

from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from onevisit.accounts.models import Sector
from onevisit.api.auth import session_or_token
from onevisit.api.errors import ErrorOut
from onevisit.api.pagination import BoundedLimitOffsetPagination
from onevisit.api.types import InputSchema
from onevisit.core.errors import NotFound
from onevisit.exchange import gateway, permissions, selectors, services
from onevisit.exchange.models import GrantStatus, PurposeKind, SharingClass

router = Router(tags=["exchange"])

ItemCode = Annotated[str, Field(max_length=64, pattern=r"^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$",
                                description="数据项编码 <registry>.<item>", examples=["population.hukou"])]
FieldName = Annotated[str, Field(max_length=64, pattern=r"^[a-z][a-z0-9_]*$", examples=["household_number"])]
Purpose = Annotated[str, Field(max_length=64, pattern=r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$",
                               description="事项编码或法定用途代码", examples=["DEMO-M01"])]
GrantId = Annotated[int, Field(ge=1, le=2**63 - 1)]
# Errors the gateway adds to the common ones: the provider did not answer properly.
PROVIDER_ERRORS = {502: ErrorOut, 503: ErrorOut, 504: ErrorOut}


class DepartmentRef(Schema):
    code: str
    name: str


class DataFieldOut(Schema):
    name: str
    label: str
    label_en: str
    type: str
    sensitivity: str
    sharing_class: SharingClass


class DataItemOut(Schema):
    code: str
    name: str
    name_en: str
    registry: str
    owner_department: DepartmentRef
    subject_type: str
    sharing_class: SharingClass
    update_frequency: str
    legal_basis: str
    catalogue_version: str
    is_active: bool
    fields: list[DataFieldOut]

    @staticmethod
    def resolve_fields(obj) -> list[dict[str, Any]]:
        return [
            {"name": f.name, "label": f.label, "label_en": f.label_en, "type": f.type, "sensitivity": f.sensitivity,
             "sharing_class": f.effective_sharing_class(obj)}
            for f in obj.fields.all()
        ]


class CatalogueFilter(Schema):
    sector: Sector | None = None
    sharing_class: SharingClass | None = None
    registry: Annotated[str, Field(max_length=32, pattern=r"^[a-z][a-z0-9_]*$")] | None = None


@router.get("/catalogue/items", response=list[DataItemOut], auth=session_or_token,
            summary="The data catalogue (资源目录): items by owner sector and sharing class")
@paginate(BoundedLimitOffsetPagination)
def list_items(request, filters: Query[CatalogueFilter]):
    return selectors.catalogue_items_list(sector=filters.sector, sharing_class=filters.sharing_class,
                                          registry=filters.registry)


@router.get("/catalogue/items/{code}", response=DataItemOut, auth=session_or_token,
            summary="One data item with its fields, sensitivity and legal basis")
def get_item(request, code: ItemCode):
    return selectors.catalogue_item_get(code=code)


class GrantOut(Schema):
    id: int
    consumer: DepartmentRef
    item: str
    owner_department: DepartmentRef
    fields: list[str]
    purpose_kind: PurposeKind
    purpose: str
    purpose_label: str
    legal_basis: str
    status: GrantStatus
    requested_at: datetime.datetime
    decided_at: datetime.datetime | None
    decision_reason: str
    valid_from: datetime.datetime | None
    expires_at: datetime.datetime | None
    revoked_at: datetime.datetime | None
    revoke_reason: str

    @staticmethod
    def resolve_item(obj) -> str:
        return obj.item.code

    @staticmethod
    def resolve_owner_department(obj):
        return obj.item.owner_department


class GrantRequestIn(InputSchema):
    item: ItemCode
    fields: list[FieldName] | None = Field(None, max_length=200, description="null: every shareable field")
    purpose_kind: PurposeKind = PurposeKind.MATTER
    purpose: Purpose
    purpose_label: str = Field("", max_length=200)
    legal_basis: str = Field(..., min_length=1, max_length=2000)
    expires_at: datetime.datetime | None = None


class GrantDecisionIn(InputSchema):
    approve: bool
    reason: str = Field("", max_length=2000)
    expires_at: datetime.datetime | None = None


class GrantRevokeIn(InputSchema):
    reason: str = Field(..., min_length=1, max_length=2000)


class GrantFilter(Schema):
    role: Annotated[str, Field(pattern="^(consumer|owner)$")] = "consumer"
    status: GrantStatus | None = None


@router.post("/grants", response={201: GrantOut}, auth=session_or_token,
             summary="A consumer department requests access to an item's fields for a purpose")
def request_grant(request, payload: GrantRequestIn):
    consumer = permissions.user_department(request.user)
    grant = services.grant_request(
        consumer=consumer, item_code=payload.item, fields=payload.fields, purpose=payload.purpose,
        purpose_kind=payload.purpose_kind, purpose_label=payload.purpose_label, legal_basis=payload.legal_basis,
        requested_by=request.user, expires_at=payload.expires_at,
    )
    return Status(201, selectors.grant_get(grant_id=grant.pk))


@router.get("/grants", response=list[GrantOut], auth=session_or_token,
            summary="Grants of the caller's department, as consumer or as owner of the items")
@paginate(BoundedLimitOffsetPagination)
def list_grants(request, filters: Query[GrantFilter]):
    department = permissions.user_department(request.user)
    return selectors.grants_list(department=department, role=filters.role, status=filters.status)


def _visible_grant(request, grant_id: int):
    permissions.user_department(request.user)
    grant = selectors.grant_get(grant_id=grant_id)
    if grant is None:
        raise NotFound(details={"grant": grant_id})
    permissions.check_grant_view(user=request.user, grant=grant)
    return grant


@router.post("/grants/{grant_id}/decision", response=GrantOut, auth=session_or_token,
             summary="The owner's data officer approves or refuses a request")
def decide_grant(request, grant_id: GrantId, payload: GrantDecisionIn):
    _visible_grant(request, grant_id)
    grant = services.grant_decide(grant_id=grant_id, decided_by=request.user, approve=payload.approve,
                                  reason=payload.reason, expires_at=payload.expires_at)
    return selectors.grant_get(grant_id=grant.pk)


@router.post("/grants/{grant_id}/revoke", response=GrantOut, auth=session_or_token,
             summary="Revoke a grant (owner) or give it up (consumer)")
def revoke_grant(request, grant_id: GrantId, payload: GrantRevokeIn):
    _visible_grant(request, grant_id)
    grant = services.grant_revoke(grant_id=grant_id, revoked_by=request.user, reason=payload.reason)
    return selectors.grant_get(grant_id=grant.pk)


class FetchIn(InputSchema):
    item: ItemCode
    fields: list[FieldName] | None = Field(None, max_length=200, description="null: every granted field")
    purpose: Purpose
    subject: str = Field(..., min_length=1, max_length=32, description="公民身份号码或统一社会信用代码",
                         examples=["330106199003071236"])
    reference: str = Field(..., min_length=1, max_length=64, description="申请或办件编号",
                           examples=["APP-2026-000123"])


class EvidenceRecordOut(Schema):
    record_id: str
    source: str
    version: int
    updated_at: datetime.datetime
    data: dict[str, Any]
    display: dict[str, Any]


class EvidenceOut(Schema):
    response_id: str
    request_hash: str
    content_hash: str
    access_log_id: int
    item: str
    subject: str
    fields: list[str]
    consumer: str
    purpose: str
    reference: str
    source: str
    requested_at: datetime.datetime
    retrieved_at: datetime.datetime
    records: list[EvidenceRecordOut]


@router.post("/exchange/fetch", response={200: EvidenceOut, **PROVIDER_ERRORS}, auth=session_or_token,
             summary="The sharing gateway: granted fields of one item about one subject, with provenance")
def fetch(request, payload: FetchIn):
    consumer = permissions.user_department(request.user)
    return gateway.gateway_fetch(
        consumer=consumer, purpose=payload.purpose, subject=payload.subject, acting_user=request.user,
        reference=payload.reference, item=payload.item, fields=payload.fields,
    )

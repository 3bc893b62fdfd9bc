"""API of applications (申请): create, list mine, detail with what is left, prefill, confirm the
evidence, save the form, upload, commit, submit (thin: one selector or service each)."""

from __future__ import annotations

import datetime
from typing import Annotated, Any, Literal

from django.utils.translation import gettext as _
from ninja import Field, File, Form, Header, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from onevisit.api.auth import session_or_token
from onevisit.api.errors import ErrorOut
from onevisit.api.pagination import BoundedLimitOffsetPagination
from onevisit.api.types import InputSchema, Uscc
from onevisit.applications import selectors, services
from onevisit.applications.errors import NotACitizen
from onevisit.applications.models import ApplicationStatus, Channel, Evidence
from onevisit.applications.requirements import Kind
from onevisit.core.errors import ValidationFailed

router = Router(tags=["applications"])

Reference = Annotated[str, Field(max_length=32, pattern=r"^APP-\d{8}-[0-9A-Z]{6}$", examples=["APP-20261122-7KQ2M9"])]
Code = Annotated[str, Field(max_length=32, pattern=r"^[A-Z0-9][A-Z0-9-]*$", examples=["DEMO-B02"])]
RequirementKey = Annotated[str, Field(min_length=1, max_length=200)]
CONFLICT = {409: ErrorOut}
MAX_UPLOAD_BYTES = 50 * 1024 * 1024


def _citizen(request):
    if not getattr(request.user, "is_citizen", False):
        raise NotACitizen()
    return request.user


def _mine(request, reference: str):
    return selectors.application_get(reference=reference, applicant=_citizen(request))


class ApplicationCreateIn(InputSchema):
    kind: Literal["matter", "bundle"] = Field(..., description="事项（matter）或一件事（bundle）")
    code: Code
    enterprise_uscc: Uscc | None = Field(None, description="代办企业的统一社会信用代码（以企业名义申请时）")
    channel: Channel = Channel.WEB


class EvidenceOut(Schema):
    requirement_key: str
    matters: list[str]
    status: str
    fields: list[str]
    source: str
    department: str
    retrieved_at: datetime.datetime | None
    response_id: str
    access_log_id: int | None
    display: list[dict[str, Any]] = Field(description="脱敏展示")
    attempts: int
    last_error_code: str


class RequirementOut(Schema):
    key: str
    name: str
    kind: str
    matters: list[str]
    required: bool
    produced_by: str
    waivable_by_commitment: bool
    supply_later: bool
    accepted_types: list[str]
    max_size_mb: int
    state: str
    how: str
    errors: list[dict[str, Any]]


class ApplicationOut(Schema):
    reference: str
    status: ApplicationStatus
    channel: Channel
    matter: str | None
    bundle: str | None
    enterprise_uscc: str | None
    version: int
    created_at: datetime.datetime
    submitted_at: datetime.datetime | None
    evidence_confirmed_at: datetime.datetime | None

    @staticmethod
    def resolve_matter(obj) -> str | None:
        if isinstance(obj, dict):
            return obj["matter"]
        return obj.matter.code if obj.matter_id else None

    @staticmethod
    def resolve_bundle(obj) -> str | None:
        if isinstance(obj, dict):
            return obj["bundle"]
        return obj.bundle.code if obj.bundle_id else None

    @staticmethod
    def resolve_enterprise_uscc(obj) -> str | None:
        if isinstance(obj, dict):
            return obj["enterprise_uscc"]
        return obj.enterprise.uscc if obj.enterprise_id else None


class ApplicationDetailOut(ApplicationOut):
    form_data: dict[str, Any]
    form_schema: dict[str, Any]
    requirements: list[RequirementOut]
    evidence: list[EvidenceOut]
    material_summary: dict[str, Any]
    uploads: list[dict[str, Any]]
    commitments: list[dict[str, Any]]


def _detail(application) -> dict[str, Any]:
    states = selectors.application_state(application=application)
    requirements = [{**{k: getattr(s.requirement, k) for k in (
        "key", "name", "kind", "matters", "required", "produced_by", "waivable_by_commitment", "supply_later",
        "accepted_types", "max_size_mb")}, "state": s.state, "how": s.how, "errors": s.errors} for s in states]
    form_keys = [s.requirement.key for s in states if s.requirement.kind == Kind.FORM]
    return {
        "reference": application.reference, "status": application.status, "channel": application.channel,
        "matter": application.matter.code if application.matter_id else None,
        "bundle": application.bundle.code if application.bundle_id else None,
        "enterprise_uscc": application.enterprise.uscc if application.enterprise_id else None,
        "version": application.version, "created_at": application.created_at,
        "submitted_at": application.submitted_at, "evidence_confirmed_at": application.evidence_confirmed_at,
        "form_data": application.form_data, "form_schema": services.form_schema(keys=form_keys),
        "requirements": requirements,
        "evidence": list(Evidence.objects.filter(application=application).order_by("id")),
        "material_summary": application.material_summary,
        "uploads": [{"requirement_key": u.requirement_key, "original_name": u.original_name,
                     "content_type": u.content_type, "size": u.size, "sha256": u.sha256,
                     "uploaded_at": u.uploaded_at.isoformat()} for u in application.uploads.all()],
        "commitments": [{"requirement_key": c.requirement_key, "text": c.text, "signed_name": c.signed_name,
                         "signed_at": c.signed_at.isoformat()} for c in application.commitments.all()],
    }


@router.post("", response={201: ApplicationDetailOut, **CONFLICT}, auth=session_or_token,
             summary="Start an application for a matter or a bundle (as yourself or an enterprise's agent)")
def create(request, payload: ApplicationCreateIn):
    application = services.application_start(
        applicant=_citizen(request), matter_code=payload.code if payload.kind == "matter" else None,
        bundle_code=payload.code if payload.kind == "bundle" else None,
        enterprise_uscc=payload.enterprise_uscc, channel=payload.channel)
    return Status(201, _detail(application))


@router.get("", response=list[ApplicationOut], auth=session_or_token, summary="My applications, newest first")
@paginate(BoundedLimitOffsetPagination)
def list_mine(request):
    return selectors.applications_of(applicant=_citizen(request))


@router.get("/{reference}", response=ApplicationDetailOut, auth=session_or_token,
            summary="One of my applications: requirements and their state, evidence preview, status")
def detail(request, reference: Reference):
    return _detail(_mine(request, reference))


@router.post("/{reference}/prefill", response={200: ApplicationDetailOut, **CONFLICT}, auth=session_or_token,
             summary="Fetch every shareable material through the exchange on my behalf")
def prefill(request, reference: Reference):
    application = _mine(request, reference)
    services.application_prefill(application=application)
    return _detail(selectors.application_get(reference=reference))


@router.post("/{reference}/evidence/confirm", response={200: ApplicationDetailOut, **CONFLICT},
             auth=session_or_token, summary="Confirm the fetched data (evidence preview)")
def confirm(request, reference: Reference):
    return _detail(services.application_confirm_evidence(application=_mine(request, reference)))


class FormIn(InputSchema):
    version: int = Field(..., ge=1, le=2**31 - 1)
    data: dict[str, Any] = Field(..., description="字段键 → 值（部分保存）")


@router.patch("/{reference}/form", response={200: ApplicationDetailOut, **CONFLICT}, auth=session_or_token,
              summary="Save some form fields of the draft (validated per field; 409 on a stale version)")
def save_form(request, reference: Reference, payload: FormIn):
    application = services.application_save_form(application=_mine(request, reference), data=payload.data,
                                                 version=payload.version)
    return _detail(application)


@router.post("/{reference}/uploads", response={201: ApplicationDetailOut, **CONFLICT}, auth=session_or_token,
             summary="Upload a file for a material (type read from the content, size checked)")
def upload(request, reference: Reference, requirement_key: Form[RequirementKey], file: File[UploadedFile]):
    application = _mine(request, reference)
    if file.size is not None and file.size > MAX_UPLOAD_BYTES:
        raise ValidationFailed.for_field("file", _("文件过大"))
    services.application_upload(application=application, requirement_key=requirement_key, content=file.read(),
                                original_name=file.name or "upload")
    return Status(201, _detail(selectors.application_get(reference=reference)))


class CommitmentIn(InputSchema):
    requirement_key: RequirementKey
    signed_name: str = Field(..., min_length=1, max_length=64)


@router.post("/{reference}/commitments", response={201: ApplicationDetailOut, **CONFLICT}, auth=session_or_token,
             summary="Sign a commitment (告知承诺) in place of a material that allows it")
def commit(request, reference: Reference, payload: CommitmentIn):
    application = _mine(request, reference)
    services.application_commit(application=application, requirement_key=payload.requirement_key,
                                signed_name=payload.signed_name)
    return Status(201, _detail(selectors.application_get(reference=reference)))


class SupplyLaterIn(InputSchema):
    requirement_key: RequirementKey


@router.post("/{reference}/supply-later", response={200: ApplicationDetailOut, **CONFLICT}, auth=session_or_token,
             summary="Supply a material after acceptance (容缺后补) where allowed")
def supply_later(request, reference: Reference, payload: SupplyLaterIn):
    return _detail(services.application_supply_later(application=_mine(request, reference),
                                                     requirement_key=payload.requirement_key))


@router.post("/{reference}/submit", response={200: ApplicationDetailOut, **CONFLICT}, auth=session_or_token,
             summary="Submit (idempotent: the same Idempotency-Key returns the same application)")
def submit(request, reference: Reference,
           idempotency_key: Annotated[str | None, Header(alias="Idempotency-Key", max_length=64)] = None):
    application = services.application_submit(application=_mine(request, reference),
                                              idempotency_key=idempotency_key)
    return _detail(application)

"""Prefill: ask the exchange, on the applicant's behalf, for every shareable material.

The gateway is called outside any transaction (its access-log row is written on this
connection; a rollback would lose it); each Evidence row is saved afterwards. A provider that
is down leaves the evidence ``pending`` and queues ``applications.evidence_fetch``, which
retries with backoff and attaches it; a refusal (no grant, not shared) turns the requirement
into an upload.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from onevisit.applications.models import Application, ApplicationStatus, Evidence, EvidenceStatus
from onevisit.applications.requirements import AppRequirement, Kind
from onevisit.core.errors import DomainError, RateLimited
from onevisit.exchange import errors as exchange_errors
from onevisit.exchange.gateway import gateway_fetch
from onevisit.exchange.models import DataItem, SharingClass

logger = logging.getLogger("onevisit.applications")

MAX_FETCH_ATTEMPTS = 5  # then the evidence is failed and the applicant is told
RETRYABLE = (exchange_errors.ProviderFailed, RateLimited)


@dataclass
class _Call:
    consumer_id: int | None
    purpose: str
    subject: str
    fields: list[str] | None
    refusal: str = ""  # set when there is nothing to ask (no subject, no department)


def _plan(application: Application, requirement: AppRequirement, item: DataItem | None) -> _Call:
    from onevisit.applications.selectors import handling_department
    from onevisit.catalogue.selectors import matter_get

    purpose = requirement.matters[0]
    if item is None:
        return _Call(None, purpose, "", None, refusal="unknown_item")
    department = handling_department(matter=matter_get(code=purpose), applicant=application.applicant,
                                     enterprise=application.enterprise)
    if item.subject_type == "enterprise":
        subject = application.enterprise.uscc if application.enterprise else ""
    else:
        subject = application.applicant.id_number or ""
    shareable = {f.name for f in item.fields.all() if f.effective_sharing_class(item) != SharingClass.NOT_SHARED}
    # A not-shared field (民族) is never asked for; the applicant gives it on the form if needed.
    fields = [f for f in requirement.fields if f in shareable] or (None if not requirement.fields else requirement.fields)
    if department is None:
        return _Call(None, purpose, subject, fields, refusal="no_department")
    if not subject:
        return _Call(department.pk, purpose, subject, fields, refusal="no_subject")
    return _Call(department.pk, purpose, subject, fields)


def _records(evidence) -> tuple[list, list]:
    data = [{"record_id": r.record_id, "source": r.source, "version": r.version, "updated_at": r.updated_at,
             "data": dict(r.data)} for r in evidence.records]
    display = [dict(r.display) for r in evidence.records]
    return data, display


def _fetch(row: Evidence, *, application: Application, call: _Call) -> tuple[str, str]:
    """Call the gateway for ``row`` (outside any transaction) and fill it in; (status, error code)."""
    from onevisit.accounts.models import Department

    row.attempts += 1
    if call.refusal or call.consumer_id is None:
        return EvidenceStatus.REFUSED, call.refusal or "no_department"
    try:
        evidence = gateway_fetch(consumer=Department.objects.get(pk=call.consumer_id), purpose=call.purpose,
                                 subject=call.subject, acting_user=application.applicant,
                                 reference=application.reference, item=row.requirement_key, fields=call.fields)
    except RETRYABLE as exc:
        return EvidenceStatus.PENDING, exc.code
    except DomainError as exc:  # AccessDenied, ValidationFailed, UnknownDataItem
        return EvidenceStatus.REFUSED, exc.code
    row.data, row.display = _records(evidence)
    row.fields = list(evidence.fields)
    row.source = evidence.source
    row.retrieved_at = evidence.retrieved_at
    row.response_id = evidence.response_id
    row.content_hash = evidence.content_hash
    row.access_log_id = evidence.access_log_id
    return EvidenceStatus.FETCHED, ""


def application_prefill(*, application: Application) -> list[Evidence]:
    """Fetch every shareable requirement not fetched yet; return the application's evidence.

    Idempotent: fetched evidence is not fetched again, a pending one is left to its retry job.
    Never raises for a provider or a refusal: those are recorded on the evidence.
    Raises NotDraft.
    """
    from onevisit.applications.selectors import application_requirements
    from onevisit.applications.services.common import locked_draft
    from onevisit.notifications.services import notification_send

    if application.status != ApplicationStatus.DRAFT:
        from onevisit.applications.errors import NotDraft

        raise NotDraft(details={"reference": application.reference})
    all_requirements = application_requirements(application=application)
    requirements = [r for r in all_requirements if r.kind == Kind.FETCH]
    existing = {e.requirement_key: e for e in application.evidence.all()}
    _attach_certificates(application, [r for r in all_requirements if r.kind == Kind.CERTIFICATE], existing)
    items = {i.code: i for i in DataItem.objects.select_related("owner_department").prefetch_related("fields")
             .filter(code__in=[r.key for r in requirements])}
    for requirement in requirements:
        row = existing.get(requirement.key)
        if row is not None and row.status in (EvidenceStatus.FETCHED, EvidenceStatus.PENDING):
            continue
        item = items.get(requirement.key)
        call = _plan(application, requirement, item)
        row = row or Evidence(application=application, requirement_key=requirement.key)
        row.matters, row.purpose, row.subject = requirement.matters, call.purpose, call.subject
        row.consumer_id = call.consumer_id
        row.fields = call.fields or []
        row.department = item.owner_department.name if item is not None else ""
        row.source = item.registry if item is not None else ""
        status, code = _fetch(row, application=application, call=call)
        with transaction.atomic():
            locked_draft(application.pk)
            if row.pk is None:
                # A concurrent prefill (a double click) saved this one first: keep theirs.
                other = Evidence.objects.filter(application=application, requirement_key=requirement.key).first()
                if other is not None:
                    existing[requirement.key] = other
                    continue
            row.status, row.last_error_code = status, code
            row.save()
            if status == EvidenceStatus.PENDING:
                from onevisit.applications.tasks import evidence_fetch

                evidence_fetch.enqueue(evidence_id=row.pk)
                notification_send(recipient=application.applicant, subject=_("共享数据稍后获取"),
                                  body=_("申请 %(ref)s 的“%(item)s”所在部门系统暂时无法访问，系统将自动重试并补充，"
                                         "您可以继续填写申请。") % {"ref": application.reference,
                                                           "item": requirement.name})
        existing[requirement.key] = row
    return list(application.evidence.order_by("id"))


def _attach_certificates(application: Application, requirements: list[AppRequirement],
                         existing: dict[str, Evidence], *, recheck: bool = False) -> None:
    """Materials that are certificates: the applicant's (or enterprise's) valid wallet certificate
    is attached as evidence, no upload; one that is not valid is refused (with why) and becomes
    an upload. ``recheck``: also look again at certificates already attached (at submission: one
    suspended, revoked or cancelled since must not go in as valid); a still-valid one is left as
    it was."""
    from django.utils import timezone

    from onevisit.applications.services.common import locked_draft
    from onevisit.certificates.evidence import SOURCE, wallet_evidence

    for requirement in requirements:
        row = existing.get(requirement.key)
        attached = row is not None and row.status == EvidenceStatus.FETCHED
        if attached and not recheck:
            continue
        found = wallet_evidence(applicant=application.applicant, enterprise=application.enterprise,
                                type_code=requirement.key)
        certificate = found.certificate
        if attached and not found.refusal and row.data and row.data[0].get("record_id") == certificate.identifier:
            continue  # still the valid certificate attached
        row = row or Evidence(application=application, requirement_key=requirement.key)
        row.matters, row.purpose = requirement.matters, requirement.matters[0]
        row.subject = certificate.holder_id if certificate else ""
        row.source = SOURCE
        row.department = certificate.department.name if certificate else ""
        row.attempts += 1
        row.status = EvidenceStatus.REFUSED if found.refusal else EvidenceStatus.FETCHED
        row.last_error_code = found.refusal
        row.display, row.data = found.display, found.data
        row.fields = sorted(certificate.data) if certificate and not found.refusal else []
        row.retrieved_at = timezone.now() if not found.refusal else None
        row.content_hash = hashlib.sha256(certificate.sd_jwt.encode()).hexdigest() if certificate else ""
        with transaction.atomic():
            locked_draft(application.pk)
            row.save()
        existing[requirement.key] = row


def application_recheck_certificates(*, application: Application) -> None:
    """Before submission: the certificates attached as evidence are looked at again, and one no
    longer valid becomes a refused evidence (its material an upload, the page says why)."""
    from onevisit.applications.selectors import application_requirements

    requirements = [r for r in application_requirements(application=application) if r.kind == Kind.CERTIFICATE]
    if requirements:
        existing = {e.requirement_key: e for e in application.evidence.filter(
            requirement_key__in=[r.key for r in requirements])}
        _attach_certificates(application, requirements, existing, recheck=True)


def evidence_retry(*, evidence_id: int) -> str:
    """One retry of a pending evidence (the job ``applications.evidence_fetch``); its status.

    Raises ProviderFailed while the provider is still down and attempts remain (the job is
    retried with backoff); after MAX_FETCH_ATTEMPTS the evidence is failed, the requirement
    becomes an upload and the applicant is told.
    """
    from onevisit.accounts.models import Department
    from onevisit.notifications.services import notification_send

    row = Evidence.objects.select_related("application", "application__applicant", "application__enterprise").get(
        pk=evidence_id)
    if row.status != EvidenceStatus.PENDING:
        return row.status
    application = row.application
    call = _Call(row.consumer_id, row.purpose, row.subject, row.fields or None)
    if call.consumer_id is None or not Department.objects.filter(pk=call.consumer_id).exists():
        call.refusal = "no_department"
    status, code = _fetch(row, application=application, call=call)
    row.status, row.last_error_code = status, code
    if status == EvidenceStatus.PENDING and row.attempts >= MAX_FETCH_ATTEMPTS:
        row.status = EvidenceStatus.FAILED
    with transaction.atomic():
        row.save()
        if row.status == EvidenceStatus.FETCHED:
            notification_send(recipient=application.applicant, subject=_("共享数据已获取"),
                              body=_("申请 %(ref)s 的“%(item)s”已从%(dept)s获取，请查看并确认。") % {
                                  "ref": application.reference, "item": row.requirement_key, "dept": row.department})
        elif row.status in (EvidenceStatus.FAILED, EvidenceStatus.REFUSED):
            notification_send(recipient=application.applicant, subject=_("共享数据获取失败"),
                              body=_("申请 %(ref)s 的“%(item)s”暂时无法从%(dept)s获取，请上传该材料。") % {
                                  "ref": application.reference, "item": row.requirement_key, "dept": row.department})
    if row.status == EvidenceStatus.PENDING:
        raise exchange_errors.ProviderFailed(code=code or "provider_error", details={"evidence": row.pk})
    return row.status

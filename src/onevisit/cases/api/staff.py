"""Staff side: department queues and search (keyset pages), one case with its timeline, and
one operation per action. Another department's case is a 404; acting without the role a 403;
a stale ``version`` a 409. ``Idempotency-Key`` makes an action safe to retry."""

from __future__ import annotations

from typing import Annotated

from django.utils.translation import gettext as _
from ninja import Header, Router

from onevisit.accounts.models import Department, User
from onevisit.api.auth import session_or_token
from onevisit.api.errors import ErrorOut
from onevisit.cases import selectors, services
from onevisit.cases.api import schemas as s
from onevisit.cases.api.rows import page_response
from onevisit.cases.api.serialize import case_detail
from onevisit.cases.errors import RoleRequired
from onevisit.core.errors import ValidationFailed

router = Router(tags=["cases"])
ACTED = {200: s.CaseDetailOut, 409: ErrorOut}
IdempotencyKey = Annotated[str | None, Header(alias="Idempotency-Key", max_length=64,
                                              description="retrying with the same key acts at most once")]


def _staff(request) -> User:
    if not request.user.is_officer:
        raise RoleRequired()
    return request.user


def _case(request, reference: str):
    return selectors.case_get(user=_staff(request), reference=reference)


@router.get("", response=s.CasePageOut, auth=session_or_token,
            summary="A page of a queue of my department's cases (keyset pagination: pass next_cursor back)")
def queue(request, queue: s.Queue = "todo", status: s.CaseStatus | None = None, q: s.ShortText = "",
          limit: s.Limit = 50, cursor: s.Cursor | None = None):
    page = selectors.case_queue_page(user=_staff(request), queue=queue, status=status or "", q=q, cursor=cursor,
                                     limit=limit)
    return page_response(page)


@router.get("/search", response=s.CasePageOut, auth=session_or_token,
            summary="Search my department's cases by reference, applicant name or matter code, newest first")
def search(request, q: s.ShortText = "", limit: s.Limit = 50, cursor: s.Cursor | None = None):
    page = selectors.case_search_page(user=_staff(request), q=q, cursor=cursor, limit=limit)
    return page_response(page)


@router.get("/{reference}", response=s.CaseDetailOut, auth=session_or_token,
            summary="One case of my department with its timeline")
def detail(request, reference: s.CaseReference):
    return case_detail(_case(request, reference))


@router.post("/{reference}/claim", response=ACTED, auth=session_or_token, summary="Claim (认领)")
def claim(request, reference: s.CaseReference, payload: s.VersionIn, idempotency_key: IdempotencyKey = None):
    return case_detail(services.case_claim(case=_case(request, reference), actor=request.user,
                                           version=payload.version, request_key=idempotency_key))


@router.post("/{reference}/release", response=ACTED, auth=session_or_token, summary="Release back to the queue")
def release(request, reference: s.CaseReference, payload: s.VersionIn, idempotency_key: IdempotencyKey = None):
    return case_detail(services.case_release(case=_case(request, reference), actor=request.user,
                                             version=payload.version, request_key=idempotency_key))


@router.post("/{reference}/accept", response=ACTED, auth=session_or_token,
             summary="Accept (受理); an immediate matter is decided here")
def accept(request, reference: s.CaseReference, payload: s.AcceptIn, idempotency_key: IdempotencyKey = None):
    return case_detail(services.case_accept(
        case=_case(request, reference), actor=request.user, version=payload.version, decision=payload.decision,
        reason=payload.reason, delivery=payload.delivery, request_key=idempotency_key))


@router.post("/{reference}/not-accept", response=ACTED, auth=session_or_token,
             summary="Refuse to accept (不予受理) with the reason the applicant reads")
def not_accept(request, reference: s.CaseReference, payload: s.ReasonIn, idempotency_key: IdempotencyKey = None):
    return case_detail(services.case_not_accept(case=_case(request, reference), actor=request.user,
                                                version=payload.version, reason=payload.reason,
                                                request_key=idempotency_key))


@router.post("/{reference}/complete-task", response=ACTED, auth=session_or_token,
             summary="Complete the current process task (审查 and the like)")
def complete_task(request, reference: s.CaseReference, payload: s.CompleteTaskIn,
                  idempotency_key: IdempotencyKey = None):
    return case_detail(services.case_complete_task(
        case=_case(request, reference), actor=request.user, version=payload.version, task=payload.task,
        opinion=payload.opinion, request_key=idempotency_key))


@router.post("/{reference}/decide", response=ACTED, auth=session_or_token, summary="Decide (准予 / 不予)")
def decide(request, reference: s.CaseReference, payload: s.DecideIn, idempotency_key: IdempotencyKey = None):
    return case_detail(services.case_decide(
        case=_case(request, reference), actor=request.user, version=payload.version, decision=payload.decision,
        reason=payload.reason, delivery=payload.delivery, request_key=idempotency_key))


@router.post("/{reference}/supplement", response=ACTED, auth=session_or_token,
             summary="One notice of every missing item (一次性告知补正); the clock stops")
def supplement(request, reference: s.CaseReference, payload: s.SupplementIn, idempotency_key: IdempotencyKey = None):
    return case_detail(services.case_request_supplement(
        case=_case(request, reference), actor=request.user, version=payload.version,
        items=[item.model_dump() for item in payload.items], note=payload.note, request_key=idempotency_key))


@router.post("/{reference}/suspend", response=ACTED, auth=session_or_token, summary="Suspend (中止) with a reason")
def suspend(request, reference: s.CaseReference, payload: s.ReasonIn, idempotency_key: IdempotencyKey = None):
    return case_detail(services.case_suspend(case=_case(request, reference), actor=request.user,
                                             version=payload.version, reason=payload.reason,
                                             request_key=idempotency_key))


@router.post("/{reference}/resume", response=ACTED, auth=session_or_token, summary="Resume a suspended case")
def resume(request, reference: s.CaseReference, payload: s.OptionalReasonIn, idempotency_key: IdempotencyKey = None):
    return case_detail(services.case_resume(case=_case(request, reference), actor=request.user,
                                            version=payload.version, reason=payload.reason,
                                            request_key=idempotency_key))


@router.post("/{reference}/extend", response=ACTED, auth=session_or_token,
             summary="Extend the time limits (延期; department head)")
def extend(request, reference: s.CaseReference, payload: s.ExtendIn, idempotency_key: IdempotencyKey = None):
    return case_detail(services.case_extend(case=_case(request, reference), actor=request.user,
                                            version=payload.version, days=payload.days, reason=payload.reason,
                                            request_key=idempotency_key))


@router.post("/{reference}/transfer", response=ACTED, auth=session_or_token,
             summary="Transfer to an officer of the department or to another department of the sector")
def transfer(request, reference: s.CaseReference, payload: s.TransferIn, idempotency_key: IdempotencyKey = None):
    case = _case(request, reference)
    to_user = to_department = None
    if payload.to_user:
        to_user = User.objects.filter(username=payload.to_user, department_id=case.department_id).first()
        if to_user is None:
            raise ValidationFailed.for_field("to_user", _("只能转交给本部门的审批经办人"))
    if payload.to_department:
        to_department = Department.objects.filter(code=payload.to_department).first()
        if to_department is None:
            raise ValidationFailed.for_field("to_department", _("只能转交给同一条线的其他部门"))
    return case_detail(services.case_transfer(case=case, actor=request.user, version=payload.version,
                                              reason=payload.reason, to_user=to_user, to_department=to_department,
                                              request_key=idempotency_key))

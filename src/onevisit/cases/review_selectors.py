"""Reading one case the way its officer reviews it: the application's data for this matter
(form, evidence with provenance, uploads, commitments, items supplied later), supplements,
documents, the labelled timeline, who it can be transferred to, what the officer may do next,
and the files behind it (only for officers of the case's department)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models.fields.files import FieldFile
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from onevisit.accounts.models import Department, StaffRole, User
from onevisit.applications import selectors as application_selectors
from onevisit.applications.requirements import EVIDENCE_KINDS, Kind
from onevisit.cases.errors import CaseNotFound
from onevisit.cases.models import (
    Case,
    CaseAction,
    CaseDocument,
    CaseEvent,
    CaseStatus,
    Delivery,
    Supplement,
    SupplementFile,
)
from onevisit.cases.permissions import ACT_ROLES, can_view, roles_of
from onevisit.cases.selectors import case_get, case_timeline
from onevisit.catalogue import selectors as catalogue_selectors
from onevisit.exchange import selectors as exchange_selectors


@dataclass
class EvidenceView:
    key: str
    name: str
    how: str  # fetched / pending / produced / missing
    evidence: Any
    records: list[list[tuple[str, str]]]


@dataclass
class MaterialView:
    key: str
    name: str
    how: str  # uploaded / committed / supply_later / window / missing
    required: bool
    uploads: list[Any] = field(default_factory=list)
    commitment: Any = None


@dataclass
class TimelineEntry:
    event: CaseEvent
    label: str
    status_label: str
    summary: str


@dataclass
class SupplementView:
    supplement: Supplement
    rows: list[dict[str, Any]]  # each item with the applicant's answer and files


@dataclass
class CaseReview:
    form: list[tuple[str, str]]
    evidence: list[EvidenceView]
    materials: list[MaterialView]
    supplements: list[SupplementView]
    documents: list[CaseDocument]
    timeline: list[TimelineEntry]


def _english() -> bool:
    return (get_language() or "").startswith("en")


def _matter_states(case: Case) -> list[application_selectors.RequirementState]:
    """The application's requirements that concern this case's matter (data minimisation: the
    officer of one matter of a bundle does not read what only another matter needed)."""
    return [s for s in application_selectors.application_state(application=case.application)
            if case.matter.code in s.requirement.matters or not s.requirement.matters]


def case_review(*, case: Case) -> CaseReview:
    """Everything of the application that concerns this case's matter, with its provenance.

    The caller has already checked that the user may view the case (``case_get``)."""
    application = case.application
    states = _matter_states(case)
    labels = exchange_selectors.field_labels(
        items=[s.requirement.key for s in states if s.requirement.kind == Kind.FETCH], english=_english())
    evidence = [EvidenceView(key=s.requirement.key, name=s.requirement.name, how=s.how, evidence=s.evidence,
                             records=application_selectors.evidence_records(
                                 evidence=s.evidence, labels=labels.get(s.requirement.key, {})))
                for s in states if s.requirement.kind in EVIDENCE_KINDS]
    form_fields = catalogue_selectors.form_fields_by_key()
    form = []
    for s in states:
        if s.requirement.kind != Kind.FORM:
            continue
        f = form_fields.get(s.requirement.key)
        label = (f.label_en if _english() and f and f.label_en else (f.label if f else s.requirement.key))
        form.append((label, application_selectors.display_value(application.form_data.get(s.requirement.key))))
    uploads: dict[str, list[Any]] = {}
    for upload in application.uploads.order_by("id"):
        uploads.setdefault(upload.requirement_key, []).append(upload)
    commitments = {c.requirement_key: c for c in application.commitments.all()}
    materials = [MaterialView(key=s.requirement.key, name=s.requirement.name, how=s.how,
                              required=s.requirement.required, uploads=uploads.get(s.requirement.key, []),
                              commitment=commitments.get(s.requirement.key))
                 for s in states if s.requirement.kind in (Kind.UPLOAD, Kind.ORIGINAL)
                 or s.requirement.key in commitments]
    supplements = []
    for supplement in case.supplements.prefetch_related("files").select_related("requested_by").order_by(
            "-requested_at", "-id"):
        files: dict[str, list[SupplementFile]] = {}
        for stored in supplement.files.all():
            files.setdefault(stored.item_key, []).append(stored)
        supplements.append(SupplementView(supplement=supplement, rows=[
            {**item, "answer": supplement.answers.get(item["key"], ""), "files": files.get(item["key"], [])}
            for item in supplement.items]))
    return CaseReview(form=form, evidence=evidence, materials=materials, supplements=supplements,
                      documents=list(case.documents.order_by("id")), timeline=labelled_timeline(case=case))


def labelled_timeline(*, case: Case) -> list[TimelineEntry]:
    """Every event of the case, oldest first, with its action and status labels and a one-line
    summary of its data."""
    out = []
    for event in case_timeline(case=case):
        label = CaseAction(event.action).label if event.action in CaseAction.values else event.action
        status = CaseStatus(event.status_after).label if event.status_after in CaseStatus.values else ""
        out.append(TimelineEntry(event=event, label=str(label), status_label=str(status),
                                 summary=event_summary(event.data or {})))
    return out


def event_summary(data: dict[str, Any]) -> str:
    """A short human reading of an event's data (items, days, decision, transfer target ...)."""
    parts = []
    items = data.get("items")
    if items:
        names = [str(i.get("name") or i.get("key") or "") if isinstance(i, dict) else str(i) for i in items]
        parts.append(_("补正事项：%(items)s") % {"items": "、".join(names)})
    if data.get("decision") in ("approved", "rejected"):
        parts.append(_("决定：%(decision)s") % {
            "decision": _("准予") if data["decision"] == "approved" else _("不予")})
    if data.get("delivery") in Delivery.values:
        parts.append(_("送达方式：%(delivery)s") % {"delivery": Delivery(data["delivery"]).label})
    if data.get("days"):
        parts.append(_("延长 %(days)s 个工作日") % {"days": data["days"]})
    if data.get("paused_workdays"):
        parts.append(_("暂停 %(days)s 个工作日") % {"days": data["paused_workdays"]})
    if data.get("to_user"):
        parts.append(_("转交经办人：%(user)s") % {"user": data["to_user"]})
    if data.get("to_department"):
        parts.append(_("转交部门：%(department)s") % {"department": data["to_department"]})
    if data.get("number"):
        parts.append(_("文号：%(number)s") % {"number": data["number"]})
    return "；".join(parts)


# --- what the officer may do -------------------------------------------------------------------


def case_actions(*, user: User, case: Case) -> set[str]:
    """The actions to offer ``user`` on ``case`` now (the services check again when they run):
    claim, release, accept, accept_immediate, not_accept, complete_task, decide, supplement,
    suspend, resume, extend, transfer."""
    if not can_view(user, case) or not case.is_open:
        return set()
    roles = roles_of(user)
    head = StaffRole.DEPARTMENT_HEAD in roles
    actions: set[str] = {"extend"} if head else set()
    if not roles & ACT_ROLES:
        return actions
    if case.assignee_id is None:
        actions.add("claim")
    elif case.assignee_id == user.pk or head:
        actions.add("release")
    if case.assignee_id not in (None, user.pk) and not head:
        return actions  # someone else's case: claim it back through them or the head
    actions.add("transfer")
    if case.status == CaseStatus.SUSPENDED:
        actions.add("resume")
    if case.status not in (CaseStatus.RECEIVED, CaseStatus.IN_PROGRESS):
        return actions
    actions |= {"supplement", "suspend"}
    if case.task == "accept":
        actions |= {"accept_immediate" if case.immediate else "accept", "not_accept"}
    elif case.task == "decide":
        actions.add("decide")
    elif case.task:
        actions.add("complete_task")
    return actions


def transfer_targets(*, case: Case, actor: User) -> tuple[list[User], list[Department]]:
    """Officers of the case's department (not the actor) and the other departments of its sector."""
    officers = list(User.objects.filter(department_id=case.department_id, is_active=True,
                                        role_assignments__role__in=[StaffRole.CASE_OFFICER, StaffRole.DEPARTMENT_HEAD])
                    .exclude(pk=actor.pk).distinct().order_by("username"))
    departments = list(Department.objects.filter(sector=case.department.sector, is_active=True)
                       .exclude(pk=case.department_id).order_by("code"))
    return officers, departments


# --- files ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class CaseFile:
    file: FieldFile
    name: str
    content_type: str


def case_file_get(*, user: User, reference: str, kind: str, file_id: int) -> CaseFile:
    """A file of the case (an upload of its application, a supplement file, its decision
    document) for an officer who may view the case; CaseNotFound for anyone else or any file
    that does not belong to the case."""
    case = case_get(user=user, reference=reference)
    found: CaseFile | None = None
    if kind == "upload":
        keys = [state.requirement.key for state in _matter_states(case)]
        upload = case.application.uploads.filter(pk=file_id, requirement_key__in=keys).first()
        if upload is not None:
            found = CaseFile(upload.file, upload.original_name, upload.content_type)
    elif kind == "supplement":
        stored = SupplementFile.objects.filter(pk=file_id, supplement__case=case).first()
        if stored is not None:
            found = CaseFile(stored.file, stored.original_name, stored.content_type)
    elif kind == "document":
        document = case.documents.filter(pk=file_id).first()
        if document is not None:
            found = CaseFile(document.file, f"{document.number or case.reference}.pdf", "application/pdf")
    if not found or not found.file:
        raise CaseNotFound()
    return found


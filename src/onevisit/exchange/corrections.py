"""Data-error reports (数据纠错): report a wrong value, the owner corrects or rejects it.

A consumer department's staff member, or the citizen the data is about (or an enterprise's
representative), reports a wrong value of one field. The report lands in the item's owner
department's queue with a deadline of ``ONEVISIT_DATA_ERROR_DAYS`` working days (default 5).
The owner's data officer either corrects the value in the registry, through the registry's own
correction hook (``registries.corrections.record_correct``: in place, version + 1), or rejects the
report with a reason. Either way the reporter is notified. ``data_quality_figures`` counts them.

Writes (``data_error_*``), their permission checks (``check_data_error_*``, one per operation, as in
``exchange/permissions.py``) and reads are kept together in this module.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from onevisit.accounts.models import Department, StaffRole, User, UserKind
from onevisit.accounts.selectors import enterprises_acted_for, staff_roles
from onevisit.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from onevisit.core.identifiers import normalize_uscc, parse_resident_id
from onevisit.core.workdays import add_workdays
from onevisit.exchange.errors import UnknownDataItem
from onevisit.exchange.models import DataErrorReport, DataItem, ReportStatus
from onevisit.exchange.permissions import user_department
from onevisit.notifications.services import notification_send
from onevisit.registries.contract import SubjectType
from onevisit.registries.corrections import record_correct

DEFAULT_DATA_ERROR_DAYS = 5


@dataclass(frozen=True)
class CorrectionTarget:
    """Where an item's value lives in its registry: the model (``app_label.Model``; a registry
    app's label is ``registry_<code>``), the model field that holds the subject, and the item
    fields that can be corrected there (same names in the item and the model)."""

    model: str
    subject_field: str
    fields: tuple[str, ...]


# Items whose registry row can be corrected from the platform. The demo registries are the owner
# departments' own systems, reached in-process; an item not listed here is corrected in the owner's
# system by other means and its reports are rejected or closed there.
CORRECTION_TARGETS: dict[str, CorrectionTarget] = {
    "population.person": CorrectionTarget(
        model="registry_population.Person", subject_field="id_number",
        fields=("name", "sex", "birth_date", "ethnicity", "phone", "status"),
    ),
}


# --- permission checks -------------------------------------------------------------------------

def check_data_error_report(*, user: User, item: DataItem, subject: str) -> Department | None:
    """Staff (or a system account) report for their department; a citizen only about themselves or
    an enterprise they may act for. Returns the reporter's department (None for a citizen)."""
    if not user.is_active:
        raise PermissionDenied(code="not_allowed_to_report")
    if user.kind in (UserKind.STAFF, UserKind.SYSTEM):
        return user_department(user)
    if user.kind == UserKind.CITIZEN:
        if item.subject_type == SubjectType.PERSON and subject == user.id_number:
            return None
        if item.subject_type == SubjectType.ENTERPRISE and enterprises_acted_for(user=user).filter(
                uscc=subject).exists():
            return None
        raise PermissionDenied(_("只能报告本人或本人可代办企业的数据错误。"), code="not_your_data")
    raise PermissionDenied(code="not_allowed_to_report")


def check_data_error_resolve(*, user: User, report: DataErrorReport) -> None:
    """Only a data officer of the item's owner department corrects or rejects a report."""
    if user.kind != UserKind.STAFF or not user.is_active or user.department_id != report.owner_department_id:
        raise PermissionDenied(_("只有数源部门可以处理该数据纠错。"), code="not_owner_department")
    if StaffRole.DATA_OFFICER not in staff_roles(user=user):
        raise PermissionDenied(_("只有数源部门的数据专员可以处理数据纠错。"), code="role_required")


# --- writes ------------------------------------------------------------------------------------

def _normalised_subject(item: DataItem, subject: str) -> str:
    subject = (subject or "").strip().upper()
    if item.subject_type == SubjectType.ENTERPRISE:
        return normalize_uscc(subject, field="subject")
    return parse_resident_id(subject, field="subject").number


def _required(name: str, value: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationFailed.for_field(name, _("此项为必填项。"))
    return value


def data_error_report(*, reporter: User, item_code: str, subject: str, field: str, reported_value: str,
                      proposed_value: str, explanation: str, reference: str = "") -> DataErrorReport:
    """Record a reported wrong value in the owner department's queue, due in
    ``ONEVISIT_DATA_ERROR_DAYS`` working days from today.

    Raises UnknownDataItem (404) for an item not in the catalogue (or inactive);
    ValidationFailed naming ``field``, ``subject``, ``proposed_value`` or ``explanation``;
    PermissionDenied ``not_your_data`` for a citizen reporting about someone else, ``no_department``
    for staff without a department.
    """
    item = DataItem.objects.select_related("owner_department").filter(code=item_code, is_active=True).first()
    if item is None:
        raise UnknownDataItem(details={"item": item_code})
    if not item.fields.filter(name=field).exists():
        raise ValidationFailed.for_field("field", _("数据项 %(item)s 没有字段 %(field)s。")
                                         % {"item": item.code, "field": field})
    subject = _normalised_subject(item, subject)
    proposed_value = _required("proposed_value", proposed_value)
    explanation = _required("explanation", explanation)
    department = check_data_error_report(user=reporter, item=item, subject=subject)
    days = getattr(settings, "ONEVISIT_DATA_ERROR_DAYS", DEFAULT_DATA_ERROR_DAYS)
    return DataErrorReport.objects.create(
        item=item, field=field, subject=subject, reference=(reference or "").strip()[:64],
        reported_value=(reported_value or "").strip(), proposed_value=proposed_value, explanation=explanation,
        reporter=reporter, reporter_department=department, owner_department=item.owner_department,
        due_on=add_workdays(timezone.localdate(), days),
    )


def _open_report_for_update(report_id: int) -> DataErrorReport:
    report = (DataErrorReport.objects.select_for_update().select_related("item", "reporter")
              .filter(pk=report_id).first())
    if report is None:
        raise NotFound(_("没有该数据纠错。"), code="unknown_report")
    return report


def _ensure_open(report: DataErrorReport) -> None:
    if report.status != ReportStatus.OPEN:
        raise Conflict(_("该数据纠错已处理。"), code="already_resolved")


def _registry_apply(report: DataErrorReport) -> int:
    """Correct the value in the owner's registry; the record's new version."""
    target = CORRECTION_TARGETS.get(report.item.code)
    if target is None or report.field not in target.fields:
        raise Conflict(_("该数据项（或字段）不支持在平台上更正，请在数源系统中更正。"), code="correction_not_supported")
    model = apps.get_model(target.model)
    record = model._default_manager.filter(**{target.subject_field: report.subject}).first()
    if record is None:
        raise NotFound(_("数源系统中没有该主体的记录。"), code="record_not_found")
    model_field = model._meta.get_field(report.field)
    try:
        value: Any = model_field.clean(report.proposed_value, record)
    except DjangoValidationError as exc:
        raise ValidationFailed.for_field("proposed_value", "; ".join(str(m) for m in exc.messages)) from None
    return record_correct(record, **{report.field: value}).version


def data_error_correct(*, report_id: int, resolved_by: User, note: str = "") -> DataErrorReport:
    """Apply the proposed value in the registry (its record version goes up by one), close the
    report as ``corrected`` with that version, and notify the reporter.

    Raises NotFound (``unknown_report``, ``record_not_found``), PermissionDenied
    (``not_owner_department``, ``role_required``), Conflict (``already_resolved``,
    ``correction_not_supported``), ValidationFailed (``proposed_value`` not valid for the field).
    The registry is another database: if the report cannot be saved after the registry was
    corrected, the registry keeps the correction (it is the truth) and the report stays open.
    """
    with transaction.atomic():
        report = _open_report_for_update(report_id)
        check_data_error_resolve(user=resolved_by, report=report)
        _ensure_open(report)
        report.new_version = _registry_apply(report)
        report.status = ReportStatus.CORRECTED
        report.resolved_by = resolved_by
        report.resolved_at = timezone.now()
        report.resolution_reason = (note or "").strip()
        report.save(update_fields=["new_version", "status", "resolved_by", "resolved_at", "resolution_reason"])
        notification_send(
            recipient=report.reporter, channel="inapp",
            subject=_("您报告的数据错误已更正"),
            body=_("您报告的“%(item)s”字段 %(field)s 的错误已由数源部门更正为“%(value)s”（记录版本 %(version)s）。%(note)s")
            % {"item": report.item.name, "field": report.field, "value": report.proposed_value,
               "version": report.new_version, "note": report.resolution_reason},
        )
    return report


def data_error_reject(*, report_id: int, resolved_by: User, reason: str) -> DataErrorReport:
    """Close the report as ``rejected`` with the reason, and notify the reporter.

    Raises ValidationFailed (``reason`` empty), NotFound (``unknown_report``), PermissionDenied
    (``not_owner_department``, ``role_required``), Conflict (``already_resolved``).
    """
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed.for_field("reason", _("驳回时必须填写原因。"))
    with transaction.atomic():
        report = _open_report_for_update(report_id)
        check_data_error_resolve(user=resolved_by, report=report)
        _ensure_open(report)
        report.status = ReportStatus.REJECTED
        report.resolved_by = resolved_by
        report.resolved_at = timezone.now()
        report.resolution_reason = reason
        report.save(update_fields=["status", "resolved_by", "resolved_at", "resolution_reason"])
        notification_send(
            recipient=report.reporter, channel="inapp",
            subject=_("您报告的数据错误未予更正"),
            body=_("您报告的“%(item)s”字段 %(field)s 的错误经数源部门核实未予更正，原因：%(reason)s")
            % {"item": report.item.name, "field": report.field, "reason": reason},
        )
    return report


# --- reads -------------------------------------------------------------------------------------

def data_error_reports_open(*, department: Department) -> QuerySet[DataErrorReport]:
    """The department's queue: open reports about items it owns, earliest deadline first."""
    return (DataErrorReport.objects.filter(owner_department=department, status=ReportStatus.OPEN)
            .select_related("item", "reporter", "reporter_department").order_by("due_on", "id"))


def data_error_reports_by(*, reporter: User) -> QuerySet[DataErrorReport]:
    """What one person reported, newest first."""
    return DataErrorReport.objects.filter(reporter=reporter).select_related("item").order_by("-created_at", "-id")


def data_quality_figures() -> list[dict[str, Any]]:
    """Per owner department with any report: ``open``, ``overdue`` (open and ``due_on`` before
    today), ``corrected``, ``rejected`` and ``median_open_age_days`` (calendar days since the open
    reports were made; None when none is open). Ordered by department code."""
    today = timezone.localdate()
    rows = (DataErrorReport.objects.values("owner_department").order_by("owner_department").annotate(
        open=Count("id", filter=Q(status=ReportStatus.OPEN)),
        overdue=Count("id", filter=Q(status=ReportStatus.OPEN, due_on__lt=today)),
        corrected=Count("id", filter=Q(status=ReportStatus.CORRECTED)),
        rejected=Count("id", filter=Q(status=ReportStatus.REJECTED)),
    ))
    ages: dict[int, list[int]] = {}
    for department_id, created_at in DataErrorReport.objects.filter(status=ReportStatus.OPEN).values_list(
            "owner_department", "created_at"):
        ages.setdefault(department_id, []).append((today - timezone.localdate(created_at)).days)
    departments = Department.objects.in_bulk([row["owner_department"] for row in rows])
    figures = [
        {"department": departments[row["owner_department"]], "open": row["open"], "overdue": row["overdue"],
         "corrected": row["corrected"], "rejected": row["rejected"],
         "median_open_age_days": statistics.median(ages[row["owner_department"]])
         if row["owner_department"] in ages else None}
        for row in rows
    ]
    return sorted(figures, key=lambda f: f["department"].code)

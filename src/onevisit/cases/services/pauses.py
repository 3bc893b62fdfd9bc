"""Stopping and restarting the clock: the one-time notice of missing items (一次性告知补正) and
the applicant's answer, suspension (中止) and resumption, and extension (延期)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from onevisit.cases import deadlines
from onevisit.cases.deadlines import due_date, paused_days
from onevisit.cases.errors import CaseClosed, SupplementIncomplete, WrongStep
from onevisit.cases.models import Case, CaseAction, CaseStatus, Supplement, SupplementFile
from onevisit.cases.permissions import check_act
from onevisit.cases.services.handling import _at_step, _reason
from onevisit.cases.services.transition import apply
from onevisit.core.errors import PermissionDenied, ValidationFailed
from onevisit.core.files import FileRejected, file_kind, file_store

MAX_ITEMS = 30
MAX_EXTENSION = 30


def _pause(case: Case) -> None:
    case.resume_status = case.status
    case.paused_since = deadlines.today()


def _restart(case: Case) -> int:
    """Resume the clock; returns the working days the pause cost (added to the due dates)."""
    lost = paused_days(since=case.paused_since, until=deadlines.today()) if case.paused_since else 0
    case.paused_workdays += lost
    case.paused_since = None
    case.status = case.resume_status or CaseStatus.IN_PROGRESS
    case.resume_status = ""
    _recompute_due(case)
    return lost


def _recompute_due(case: Case) -> None:
    if case.clock_started_on is None:
        return
    case.committed_due = due_date(start=case.clock_started_on, limit_days=case.committed_days,
                                  paused_workdays=case.paused_workdays, extended_workdays=case.extended_workdays)
    case.statutory_due = due_date(start=case.clock_started_on, limit_days=case.statutory_days,
                                  paused_workdays=case.paused_workdays, extended_workdays=case.extended_workdays)


def _items(items: list[dict[str, Any]]) -> list[dict[str, str]]:
    """Each item: a key (a material's key or any short code), the name the applicant reads, and
    what is missing or wrong. Keys are unique."""
    if not items:
        raise ValidationFailed.for_field("items", _("请至少列出一项需要补正的材料"))
    if len(items) > MAX_ITEMS:
        raise ValidationFailed.for_field("items", _("最多 %(n)s 项") % {"n": MAX_ITEMS})
    clean, seen = [], set()
    for i, item in enumerate(items):
        name = str(item.get("name", "")).strip()[:200]
        reason = str(item.get("reason", "")).strip()[:500]
        key = str(item.get("key", "") or f"item{i + 1}").strip()[:64]
        if not name or not reason:
            raise ValidationFailed.for_field(f"items[{i}]", _("请写明材料名称和需要补正的原因"))
        if key in seen:
            raise ValidationFailed.for_field(f"items[{i}]", _("补正事项重复"))
        seen.add(key)
        clean.append({"key": key, "name": name, "reason": reason})
    return clean


def case_request_supplement(*, case: Case, actor, version: int | None, items: list[dict[str, Any]], note: str = "",
                            request_key: str | None = None) -> Case:
    """One notice listing every missing or wrong item at once; the clock stops until the applicant
    supplies them all."""
    clean = _items(items)
    note = _reason(note, required=False, field="note")

    def change(c: Case, _w) -> None:
        _pause(c)
        c.status = CaseStatus.SUPPLEMENT
        if c.assignee_id is None:
            c.assignee = actor

    def after(c: Case, event) -> None:
        from onevisit.notifications.services import notification_send

        Supplement.objects.create(case=c, items=clean, requested_by=actor, note=note)
        lines = "\n".join(f"{i + 1}. {it['name']}：{it['reason']}" for i, it in enumerate(clean))
        notification_send(recipient=c.applicant, subject=_("请补正材料：%(matter)s") % {"matter": c.matter.name},
                          body=_("办件 %(ref)s 需要您一次性补正以下 %(n)s 项材料，补齐后继续办理（期间暂停计时）：\n%(lines)s")
                          % {"ref": c.reference, "n": len(clean), "lines": lines})

    return apply(case, actor=actor, action=CaseAction.SUPPLEMENT_REQUESTED, expected_version=version,
                 change=change, check=lambda c: (check_act(actor, c), _at_step()(c)), reason=note,
                 data={"items": clean}, request_key=request_key, after=after)


def open_supplement(case: Case) -> Supplement | None:
    return case.supplements.filter(supplied_at__isnull=True).first()


def case_supply(*, case: Case, applicant, answers: dict[str, str], files: dict[str, tuple[str, bytes]],
                request_key: str | None = None) -> Case:
    """The applicant answers every item of the open notice (a file, a note, or both); the case
    goes back to where it was and the clock restarts, the pause added to the due dates."""

    if case.applicant_id != applicant.pk:
        raise PermissionDenied()
    supplement = open_supplement(case)
    if case.status != CaseStatus.SUPPLEMENT or supplement is None:
        raise WrongStep(details={"status": case.status})
    problems, stored = [], []
    for item in supplement.items:
        text = (answers.get(item["key"]) or "").strip()[:1000]
        upload = files.get(item["key"])
        if upload is not None:
            name, content = upload
            try:
                kind = file_kind(content)
            except FileRejected:
                problems.append({"field": item["key"], "message": str(
                    _("%(name)s：请上传 10 MB 以内的 PDF、JPG 或 PNG 文件") % {"name": item["name"]})})
                continue
            stored.append((item["key"], name, content, kind))
        if not text and upload is None:
            problems.append({"field": item["key"], "message": str(_("%(name)s：尚未补正") % {"name": item["name"]})})
        elif text:
            supplement.answers[item["key"]] = text
    if problems:
        raise SupplementIncomplete(details=problems)

    def check(c: Case) -> None:
        if c.status != CaseStatus.SUPPLEMENT:
            raise WrongStep(details={"status": c.status})

    def change(c: Case, _w) -> None:
        c._lost = _restart(c)  # type: ignore[attr-defined]

    def after(c: Case, event) -> None:
        from onevisit.notifications.services import notification_send

        for key, name, content, kind in stored:
            file_store(SupplementFile(supplement=supplement, item_key=key), content=content, kind=kind,
                       original_name=name)
        supplement.supplied_at = timezone.now()
        supplement.save(update_fields=["answers", "supplied_at"])
        event.data["paused_workdays"] = c._lost  # type: ignore[attr-defined]
        event.save(update_fields=["data"])
        if c.assignee_id:
            notification_send(recipient=c.assignee, subject=_("补正材料已提交：%(ref)s") % {"ref": c.reference},
                              body=_("申请人已补正办件 %(ref)s 的全部材料，计时已恢复。") % {"ref": c.reference})

    return apply(case, actor=applicant, action=CaseAction.SUPPLEMENT_SUPPLIED, expected_version=None,
                 change=change, check=check, data={"items": [i["key"] for i in supplement.items]},
                 request_key=request_key, after=after)


def case_suspend(*, case: Case, actor, version: int | None, reason: str, request_key: str | None = None) -> Case:
    """Suspend (中止) with a reason: the clock stops until the case is resumed."""
    reason = _reason(reason, required=True)

    def change(c: Case, _w) -> None:
        _pause(c)
        c.status = CaseStatus.SUSPENDED

    return apply(case, actor=actor, action=CaseAction.SUSPENDED, expected_version=version, change=change,
                 check=lambda c: (check_act(actor, c), _at_step()(c)), reason=reason, request_key=request_key)


def case_resume(*, case: Case, actor, version: int | None, reason: str = "", request_key: str | None = None) -> Case:
    reason = _reason(reason, required=False)

    def check(c: Case) -> None:
        check_act(actor, c)
        if c.status != CaseStatus.SUSPENDED:
            raise WrongStep(details={"status": c.status})

    def change(c: Case, _w) -> None:
        _restart(c)

    return apply(case, actor=actor, action=CaseAction.RESUMED, expected_version=version, change=change,
                 check=check, reason=reason, request_key=request_key)


def case_extend(*, case: Case, actor, version: int | None, days: int, reason: str,
                request_key: str | None = None) -> Case:
    """Extend the time limits by ``days`` working days (延期), approved by the department head."""
    reason = _reason(reason, required=True)
    if not isinstance(days, int) or not 1 <= days <= MAX_EXTENSION:
        raise ValidationFailed.for_field("days", _("延长天数须为 1 到 %(n)s 个工作日") % {"n": MAX_EXTENSION})

    def check(c: Case) -> None:
        check_act(actor, c, head_only=True)
        if not c.is_open:
            raise CaseClosed()

    def change(c: Case, _w) -> None:
        c.extended_workdays += days
        _recompute_due(c)

    return apply(case, actor=actor, action=CaseAction.EXTENDED, expected_version=version, change=change,
                 check=check, reason=reason, data={"days": days}, request_key=request_key)

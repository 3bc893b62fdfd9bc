"""Submitting an application, once: a double click or a retried request makes one submission."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from onevisit.applications.errors import IdempotencyKeyReused, IncompleteApplication
from onevisit.applications.models import Application, ApplicationMatter, ApplicationStatus
from onevisit.applications.requirements import Kind
from onevisit.core.errors import ValidationFailed

MAX_KEY = 64
SUMMARY_KEYS = ("required", "fetched", "uploaded", "committed", "supply_later", "pending", "produced", "form",
                "at_window")


def material_summary(states) -> dict[str, Any]:
    """Counts and lists: required, fetched electronically, uploaded, waived by commitment,
    supplied later, pending, produced inside the bundle, filled in, shown at the window."""
    lists: dict[str, list[str]] = {k: [] for k in SUMMARY_KEYS}
    for s in states:
        r = s.requirement
        if r.required:
            lists["required"].append(r.key)
        target = {"fetched": "fetched", "pending": "pending", "uploaded": "uploaded", "committed": "committed",
                  "supply_later": "supply_later", "produced": "produced", "form": "form", "window": "at_window"}.get(s.how)
        if target:
            lists[target].append(r.key)
    return {"counts": {k: len(v) for k, v in lists.items()}, **lists}


def _missing(application: Application) -> list[dict[str, str]]:
    from onevisit.applications.selectors import application_state

    problems = []
    states = application_state(application=application)
    for s in states:
        if s.errors:
            problems += [{"field": e["field"], "message": e["message"]} for e in s.errors]
        elif s.state == "to_do":
            problems.append({"field": s.requirement.key, "message": str(_("尚未提供：%(name)s") % {
                "name": s.requirement.name})})
    if application.evidence_confirmed_at is None and any(s.requirement.kind in (Kind.FETCH, Kind.CERTIFICATE)
                                                          for s in states):
        problems.append({"field": "evidence", "message": str(_("请确认共享获取的数据"))})
    return problems


def matter_rows(application: Application) -> list[ApplicationMatter]:
    """The unsaved ApplicationMatter rows of an application: its matter, or its bundle's components
    in order with their dependencies (matter codes)."""
    if application.bundle_id is None:
        return [ApplicationMatter(application=application, matter=application.matter, position=0)]
    components = application.bundle.components.select_related("matter").prefetch_related(  # type: ignore[union-attr]
        "depends_on__matter").order_by("position")
    return [ApplicationMatter(application=application, matter=c.matter, position=i, optional=c.optional,
                              depends_on=[d.matter.code for d in c.depends_on.all()])
            for i, c in enumerate(components)]


def application_submit(*, application: Application, idempotency_key: str | None = None) -> Application:
    """Submit the draft. Idempotent: the same key (or a second submit of a submitted
    application) returns the submitted application unchanged.

    Guarantees: submitted only when every required requirement is met (evidence fetched or
    pending, upload, commitment, supply later, produced inside the bundle, valid form fields)
    and the evidence is confirmed; a wallet certificate attached as evidence is still valid at
    submission (else its evidence is refused and the material needs an upload); one
    ApplicationMatter per component; ``material_summary`` written; the applicant notified. Raises IncompleteApplication (details: what is left),
    IdempotencyKeyReused (the key was used for another application), ValidationFailed (key).
    """
    from onevisit.applications.selectors import application_state
    from onevisit.applications.services.prefill import application_recheck_certificates
    from onevisit.cases.services import cases_open
    from onevisit.notifications.services import notification_send

    key = (idempotency_key or "").strip() or None
    if key is not None and len(key) > MAX_KEY:
        raise ValidationFailed.for_field("Idempotency-Key", _("最长 %(n)s 个字符") % {"n": MAX_KEY})
    if key is not None:
        other = Application.objects.filter(applicant_id=application.applicant_id, idempotency_key=key).first()
        if other is not None:
            if other.pk != application.pk:
                raise IdempotencyKeyReused(details={"reference": other.reference})
            return other
    if application.status == ApplicationStatus.DRAFT:
        # Outside the submission's transaction: a certificate found revoked since it was attached
        # stays refused even though the submission then stops as incomplete.
        application_recheck_certificates(application=application)
    try:
        with transaction.atomic():
            draft = Application.objects.select_for_update().get(pk=application.pk)
            if draft.status == ApplicationStatus.SUBMITTED:
                return draft
            problems = _missing(draft)
            if problems:
                raise IncompleteApplication(details=problems)
            draft.status = ApplicationStatus.SUBMITTED
            draft.submitted_at = timezone.now()
            draft.idempotency_key = key
            draft.material_summary = material_summary(application_state(application=draft))
            draft.version += 1
            draft.save()
            ApplicationMatter.objects.bulk_create(matter_rows(draft))
            cases_open(application=draft)
            notification_send(recipient=draft.applicant, subject=_("申请已提交"),
                              body=_("您的申请 %(ref)s 已提交，我们将尽快办理。") % {"ref": draft.reference})
    except IntegrityError:  # a concurrent submit (same key, or a double click) won the race
        if key is None:
            # Where the row lock is no lock (SQLite), a second submit can pass the status check
            # before the first commits; its matter rows then collide with the first's. The
            # application is submitted once, so answer with it.
            current = Application.objects.get(pk=application.pk)
            if current.status == ApplicationStatus.SUBMITTED:
                return current
            raise
        winner = Application.objects.filter(applicant_id=application.applicant_id, idempotency_key=key).first()
        if winner is None:
            raise
        if winner.pk != application.pk:
            raise IdempotencyKeyReused(details={"reference": winner.reference}) from None
        return winner
    return draft

"""The one comprehensive window (一窗受理): a window clerk finds or registers the visitor, starts
the same application flow for them (channel ``window``), checks originals and records each visit.

Only staff holding the window-clerk role may act here. Every step leaves a trail: the Visit row
for the visit itself and a log line (clerk, visitor, application) for each write.
"""

from __future__ import annotations

import logging
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from onevisit.accounts.models import StaffRole, User
from onevisit.accounts.selectors import staff_roles
from onevisit.accounts.services import citizen_register
from onevisit.applications.models import Application, Channel, Visit, VisitPurpose
from onevisit.applications.requirements import Kind
from onevisit.applications.services.common import bump, locked_draft
from onevisit.applications.services.prefill import application_prefill
from onevisit.applications.services.start import application_start
from onevisit.applications.services.submission import application_submit
from onevisit.core.errors import PermissionDenied, ValidationFailed
from onevisit.core.identifiers import normalize_resident_id

logger = logging.getLogger("onevisit.window")

PHONE_MAX = 20


def window_clerk_check(clerk: User) -> None:
    """Raise PermissionDenied unless ``clerk`` is active staff holding the window-clerk role."""
    if not (clerk.is_authenticated and clerk.is_active and clerk.is_officer
            and StaffRole.WINDOW_CLERK in staff_roles(user=clerk)):
        raise PermissionDenied(_("只有综合窗口受理员可以办理窗口业务。"))


def window_draft_check(application: Application) -> None:
    """Raise PermissionDenied unless the application was started at the window: a draft the
    citizen started online stays theirs to finish."""
    if application.channel != Channel.WINDOW:
        raise PermissionDenied(_("该申请由申请人在网上发起，请由申请人在网上继续办理。"))


def window_find_visitor(*, clerk: User, id_number: str) -> User | None:
    """The citizen account of a resident ID number, or None. Raises ValidationFailed (field
    ``id_number``: not a valid ID number), PermissionDenied."""
    window_clerk_check(clerk)
    number = normalize_resident_id(id_number)
    return User.objects.filter(id_number=number, kind="citizen").first()


def window_register_visitor(*, clerk: User, id_number: str, full_name: str, phone: str = "") -> User:
    """Open a citizen account for a visitor who has none. The clerk has checked their identity
    card at the counter; the account has no usable password until the citizen sets one.

    Raises ValidationFailed (ID, name, phone), Conflict (the ID already has an account),
    PermissionDenied.
    """
    window_clerk_check(clerk)
    phone = (phone or "").strip()
    if len(phone) > PHONE_MAX or (phone and not phone.replace("-", "").isdigit()):
        raise ValidationFailed.for_field("phone", _("请输入有效的电话号码"))
    user = citizen_register(id_number=id_number, full_name=full_name, password=None, phone=phone)  # unusable
    logger.info("window register visitor=%s clerk=%s", user.pk, clerk.pk)
    return user


def window_start(*, clerk: User, visitor: User, matter_code: str | None = None, bundle_code: str | None = None,
                 enterprise_uscc: str | None = None) -> Application:
    """Start an application for the visitor at the window and fetch their shared data at once.

    Same rules as ``application_start`` (raises what it raises) with channel ``window``; plus
    PermissionDenied. The prefill runs outside any transaction: each registry call logs itself.
    The access log names the visitor as acting (they ask, in person, about themselves: the
    gateway lets staff act only for their own department); the clerk is on the Visit row.
    """
    window_clerk_check(clerk)
    application = application_start(applicant=visitor, matter_code=matter_code, bundle_code=bundle_code,
                                    enterprise_uscc=enterprise_uscc, channel=Channel.WINDOW)
    application_prefill(application=application)
    logger.info("window start application=%s visitor=%s clerk=%s", application.reference, visitor.pk, clerk.pk)
    return application


def window_record_originals(*, clerk: User, application: Application, checked_keys: list[str]) -> Application:
    """Record which originals the clerk has seen (原件核验): originals to present, or upload
    requirements whose original replaces the scan. The list replaces the previous one.

    Guarantees: only keys of this application's original or upload requirements are kept;
    ``application_state`` then counts them as provided at the window. Raises ValidationFailed
    (an unknown key), NotDraft, PermissionDenied (not a clerk; not started at the window).
    """
    from onevisit.applications.selectors import application_requirements

    window_clerk_check(clerk)
    window_draft_check(application)
    allowed = [r.key for r in application_requirements(application=application)
               if r.kind in (Kind.ORIGINAL, Kind.UPLOAD)]
    unknown = set(checked_keys) - set(allowed)
    if unknown:
        raise ValidationFailed.for_field("originals", _("该申请不需要此材料"))
    with transaction.atomic():
        draft = locked_draft(application.pk)
        draft.originals_seen = [key for key in allowed if key in set(checked_keys)]
        draft.save(update_fields=["originals_seen", "updated_at"])
        bump(draft)
    logger.info("window originals application=%s seen=%d clerk=%s", draft.reference, len(draft.originals_seen),
                clerk.pk)
    return draft


def _originals_snapshot(application: Application) -> list[dict[str, Any]]:
    from onevisit.applications.selectors import originals_checklist

    return [{"key": row["key"], "name": row["name"], "checked": row["checked"]}
            for row in originals_checklist(application=application)]


def window_record_visit(*, clerk: User, application: Application, purpose: str, note: str = "") -> Visit:
    """Record that the applicant came to the window for this application, with the originals
    checked so far. One ``submit`` visit per application: recording it again returns the first.

    Raises ValidationFailed (purpose, note too long), PermissionDenied.
    """
    window_clerk_check(clerk)
    if purpose not in VisitPurpose.values:
        raise ValidationFailed.for_field("purpose", _("请选择到访事由"))
    note = (note or "").strip()
    if len(note) > 1000:
        raise ValidationFailed.for_field("note", _("最长 %(n)s 个字符") % {"n": 1000})
    if purpose == VisitPurpose.SUBMIT:
        existing = Visit.objects.filter(application=application, purpose=purpose).first()
        if existing is not None:
            return existing
    try:
        with transaction.atomic():
            visit = Visit.objects.create(application=application, visitor=application.applicant, clerk=clerk,
                                         purpose=purpose, note=note, originals=_originals_snapshot(application))
    except IntegrityError:  # a concurrent double submit recorded it first
        return Visit.objects.get(application=application, purpose=VisitPurpose.SUBMIT)
    logger.info("window visit application=%s purpose=%s visit=%s clerk=%s", application.reference, purpose,
                visit.pk, clerk.pk)
    return visit


def window_submit(*, clerk: User, application: Application, idempotency_key: str | None = None,
                  note: str = "") -> Application:
    """Submit the application at the window (``application_submit``, idempotent) and record the
    ``submit`` visit once. Raises what ``application_submit`` raises, PermissionDenied."""
    window_clerk_check(clerk)
    window_draft_check(application)
    submitted = application_submit(application=application, idempotency_key=idempotency_key)
    window_record_visit(clerk=clerk, application=submitted, purpose=VisitPurpose.SUBMIT, note=note)
    return submitted

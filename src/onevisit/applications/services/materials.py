"""Materials the applicant provides: uploads (type sniffed, size checked), commitments
(告知承诺) signed with their name, materials to supply later (容缺), the evidence confirmation."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from onevisit.applications.errors import IncompleteApplication
from onevisit.applications.models import Application, Commitment, Upload
from onevisit.applications.requirements import AppRequirement, Kind
from onevisit.applications.services.common import bump, locked_draft
from onevisit.core.errors import ValidationFailed
from onevisit.core.files import FileRejected, file_kind, file_store


def _requirement(application: Application, key: str, *, kinds: tuple[str, ...] | None = None) -> AppRequirement:
    from onevisit.applications.selectors import application_requirements

    for r in application_requirements(application=application):
        if r.key == key and (kinds is None or r.kind in kinds):
            return r
    raise ValidationFailed.for_field("requirement_key", _("该申请不需要此材料"))


def application_upload(*, application: Application, requirement_key: str, content: bytes,
                       original_name: str) -> Upload:
    """Attach a file to an upload requirement (a later file for the same one replaces it).

    Guarantees: the file's type, read from its first bytes, is one the material accepts (else
    pdf, jpg, png) and its size within the material's limit (else 10 MB). Raises
    ValidationFailed (field ``file``: ``file_type`` / ``file_size`` / empty; field
    ``requirement_key``), NotDraft.
    """
    requirement = _requirement(application, requirement_key, kinds=(Kind.UPLOAD,))
    try:
        kind = file_kind(content, accepted=requirement.accepted_types, max_mb=requirement.max_size_mb)
    except FileRejected as rejected:
        error = ValidationFailed.for_field("file", rejected.message)
        if rejected.code != "empty":
            error.details[0]["code"] = rejected.code
        raise error from None
    with transaction.atomic():
        draft = locked_draft(application.pk)
        for old in Upload.objects.filter(application=draft, requirement_key=requirement_key):
            old.file.delete(save=False)
            old.delete()
        upload = file_store(Upload(application=draft, requirement_key=requirement_key), content=content, kind=kind,
                            original_name=original_name)
        bump(draft)
    return upload


def commitment_text(*, application: Application, requirement: AppRequirement) -> str:
    return _("本人承诺：本次申请（%(ref)s）所需的“%(name)s”真实、有效，符合办理条件，本人已知晓相关要求；"
             "如有不实，愿意承担相应法律责任。") % {"ref": application.reference, "name": requirement.name}


def application_commit(*, application: Application, requirement_key: str, signed_name: str) -> Commitment:
    """Sign a commitment in place of a material that allows it (告知承诺).

    Guarantees: the generated text names the material; the signature is the applicant's full
    name; the time is recorded. Raises ValidationFailed (``requirement_key``: not needed or not
    waivable; ``signed_name``: not the applicant's name), NotDraft.
    """
    requirement = _requirement(application, requirement_key)
    if not requirement.waivable_by_commitment:
        raise ValidationFailed.for_field("requirement_key", _("该材料不适用告知承诺"))
    if (signed_name or "").strip() != application.applicant.full_name:
        raise ValidationFailed.for_field("signed_name", _("签名须与申请人实名一致"))
    with transaction.atomic():
        draft = locked_draft(application.pk)
        commitment, _created = Commitment.objects.update_or_create(
            application=draft, requirement_key=requirement_key,
            defaults={"text": commitment_text(application=draft, requirement=requirement),
                      "signed_name": signed_name.strip(), "signed_at": timezone.now()})
        bump(draft)
    return commitment


def application_supply_later(*, application: Application, requirement_key: str) -> Application:
    """Mark a material that may be supplied after acceptance (容缺后补). Raises ValidationFailed, NotDraft."""
    requirement = _requirement(application, requirement_key, kinds=(Kind.UPLOAD,))
    if not requirement.supply_later:
        raise ValidationFailed.for_field("requirement_key", _("该材料不适用容缺后补"))
    with transaction.atomic():
        draft = locked_draft(application.pk)
        if requirement_key not in draft.supply_later:
            draft.supply_later = [*draft.supply_later, requirement_key]
            draft.version += 1
            draft.save(update_fields=["supply_later", "version", "updated_at"])
    return draft


def application_confirm_evidence(*, application: Application) -> Application:
    """The applicant confirms the data fetched on their behalf (the preview). Raises
    IncompleteApplication (prefill not run yet), NotDraft."""
    with transaction.atomic():
        draft = locked_draft(application.pk)
        if not draft.evidence.exists():
            from onevisit.applications.selectors import application_requirements

            if any(r.kind in (Kind.FETCH, Kind.CERTIFICATE) for r in application_requirements(application=draft)):
                raise IncompleteApplication(_("请先获取共享数据再确认。"), details=[{"field": "evidence",
                                                                             "message": str(_("尚未获取"))}])
        draft.evidence_confirmed_at = timezone.now()
        draft.version += 1
        draft.save(update_fields=["evidence_confirmed_at", "version", "updated_at"])
    return draft

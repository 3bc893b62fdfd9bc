"""Issue on decision: an approved case whose matter's result is a certificate type issues it.

Runs as the job ``certificates.issue_for_case`` (enqueued when ``case_decided`` fires, with a
dedup key per case), and is itself idempotent on the case reference, so the certificate exists
exactly once whatever the retries. The face data comes from the application's form and the
applicant; a founding (设立登记) business licence registers the new enterprise first.
"""

from __future__ import annotations

import datetime
import hashlib
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from onevisit.accounts.models import Enterprise
from onevisit.certificates.issuing import certificate_issue
from onevisit.certificates.models import Certificate, CertificateSource, HolderKind
from onevisit.certificates.notify import holder_notify
from onevisit.core.identifiers import uscc_check_character

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
# Face fields filled from the application form under another name (form field -> face field).
FORM_ALIASES = {
    "business_licence": {"company_name": "name", "enterprise_type": "entity_type", "registered_address": "address"},
    "birth_medical": {"baby_name": "child_name"},
}
# Certificate types whose holder the applicant acts for is a new enterprise the case creates.
FOUNDING_TYPES = {"business_licence"}


def new_enterprise_uscc(*, region_code: str, case_reference: str) -> str:
    """A valid USCC for an enterprise founded by ``case_reference`` (authority 9, type 1), stable per case.

    The registration authority assigns the code in real life; the demo derives it from the case.
    """
    digest = int(hashlib.sha256(case_reference.encode()).hexdigest(), 16)
    org = "".join(USCC_ALPHABET[(digest >> (5 * i)) % 31] for i in range(9))
    first17 = f"91{region_code}{org}"
    return first17 + uscc_check_character(first17)


def _found_enterprise(case, form: dict[str, Any]) -> Enterprise:
    from onevisit.accounts.services import enterprise_register

    region = case.department.region
    uscc = new_enterprise_uscc(region_code=region.code, case_reference=case.reference)
    existing = Enterprise.objects.filter(uscc=uscc).first()
    if existing is not None:
        return existing
    return enterprise_register(
        uscc=uscc, name=str(form.get("company_name") or _("%(name)s的企业") % {"name": case.applicant.full_name}),
        region=region, legal_representative_name=case.applicant.full_name,
        legal_representative_id_number=case.applicant.id_number, address=str(form.get("registered_address") or ""))


def case_certificate_data(case, *, holder_id: str, holder_name: str) -> dict[str, Any]:
    """The face data: each field of the type from the form (or its alias), else from who holds it."""
    certificate_type = case.matter.result_certificate
    form = case.application.form_data or {}
    aliases = FORM_ALIASES.get(certificate_type.code, {})
    from_form = {aliases.get(k, k): v for k, v in form.items()}
    decided = timezone.localdate(case.decided_at or timezone.now())
    known: dict[str, Any] = {
        "uscc": holder_id if len(holder_id) == 18 and not holder_id[:17].isdigit() else None,
        "name": holder_name, "operator": holder_name, "owner": holder_name,
        "id_number": case.applicant.id_number if holder_id == case.applicant.id_number else None,
        "legal_representative": case.applicant.full_name if holder_id != case.applicant.id_number else None,
        "founded_on": decided, "issued_on": decided, "authority": case.department.name,
        "issuing_office": case.department.name, "registered_on": decided,
    }
    # What the registries said about the applicant for this application (fetched evidence).
    for evidence in case.application.evidence.exclude(data=[]):
        for record in evidence.data if isinstance(evidence.data, list) else []:
            for key, value in (record.get("data") or {}).items():
                if known.get(key) in (None, ""):
                    known[key] = value
    data = {}
    for name in (f["name"] if isinstance(f, dict) else f for f in certificate_type.fields):
        value = from_form.get(name, known.get(name))
        if value not in (None, "", []):
            data[name] = value
    return data


def _fields_valid_until(data: dict[str, Any]) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(str(data.get("valid_until", ""))[:10])
    except ValueError:
        return None


def certificate_issue_for_case(*, case_id: int) -> Certificate | None:
    """Issue the result certificate of an approved case, once. Returns None when there is none to issue."""
    from onevisit.cases.models import CaseAction, CaseStatus
    from onevisit.cases.selectors import case_for_result
    from onevisit.cases.services.transition import append_event

    case = case_for_result(case_id=case_id)
    certificate_type = case.matter.result_certificate
    if case.status != CaseStatus.APPROVED or certificate_type is None:
        return None
    existing = Certificate.objects.filter(source=CertificateSource.CASE, source_reference=case.reference).first()
    if existing is not None:
        return existing
    with transaction.atomic():
        enterprise = case.enterprise
        if enterprise is None and certificate_type.code in FOUNDING_TYPES:
            enterprise = _found_enterprise(case, case.application.form_data or {})
        if enterprise is not None:
            kind, holder_id, holder_name = HolderKind.ENTERPRISE, enterprise.uscc, enterprise.name
        else:
            kind, holder_id, holder_name = HolderKind.PERSON, case.applicant.id_number or "", case.applicant.full_name
        data = case_certificate_data(case, holder_id=holder_id, holder_name=holder_name)
        certificate, created = certificate_issue(
            certificate_type=certificate_type, department=case.department, holder_kind=kind, holder_id=holder_id,
            holder_name=holder_name, holder_user=case.applicant, data=data, valid_until=_fields_valid_until(data),
            source=CertificateSource.CASE, source_reference=case.reference, case=case)
        if created:
            append_event(case, action=CaseAction.RESULT_ISSUED, data={
                "certificate": certificate.identifier, "certificate_type": certificate_type.code})
            holder_notify(certificate, subject=_("电子证照已签发：%(name)s") % {"name": certificate_type.name},
                          body=_("办件 %(ref)s 的结果%(name)s已放入您的证照夹，证照标识 %(id)s。") % {
                              "ref": case.reference, "name": certificate_type.name, "id": certificate.identifier})
    return certificate

"""Starting an application: who applies (a citizen, or an enterprise's agent) for what."""

from __future__ import annotations

import secrets

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from onevisit.accounts.models import Enterprise, User
from onevisit.accounts.selectors import enterprises_acted_for
from onevisit.applications.errors import ApplicantTypeMismatch, NoMandate, NotACitizen
from onevisit.applications.models import Application, Channel
from onevisit.applications.requirements import RESULT_ITEMS
from onevisit.catalogue.models import ApplicantType, Bundle, BundleAudience, Matter
from onevisit.catalogue.selectors import bundle_get, matter_get
from onevisit.core.errors import ValidationFailed
from onevisit.core.identifiers import normalize_uscc

ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I


def reference_new() -> str:
    """``APP-20261122-7KQ2M9``: the date and six random characters."""
    return f"APP-{timezone.localdate():%Y%m%d}-{''.join(secrets.choice(ALPHABET) for _ in range(6))}"


def founds_enterprise(matters: list[Matter]) -> bool:
    """The matters create the enterprise (设立登记): one issues the business licence without
    needing an existing enterprise's registration data. A founder applies as a person."""
    item = RESULT_ITEMS["business_licence"]
    return any(m.result_certificate and m.result_certificate.code == "business_licence"
               and not any(mat.data_item == item for mat in m.materials.all()) for m in matters)


def _audience(*, matter: Matter | None, bundle: Bundle | None) -> tuple[set[str], list[Matter]]:
    if bundle is not None:
        matters = [c.matter for c in bundle.components.all()]
        return ({"person"} if bundle.audience == BundleAudience.PERSON else {"enterprise"}), matters
    assert matter is not None
    if matter.applicant_type == ApplicantType.BOTH:
        return {"person", "enterprise"}, [matter]
    return {matter.applicant_type}, [matter]


def application_start(*, applicant: User, matter_code: str | None = None, bundle_code: str | None = None,
                      enterprise_uscc: str | None = None, channel: str = Channel.WEB) -> Application:
    """Open a draft for a matter or a bundle, as the citizen or as an enterprise's agent.

    Guarantees: a person matter is applied for by the citizen themselves; an enterprise matter
    by someone holding a valid mandate of the enterprise (a founding matter such as 企业开办 may
    be applied for by the founder without one). Raises NotACitizen, ValidationFailed (neither
    or both of matter and bundle; bad channel or USCC), NotFound (matter, bundle), NoMandate,
    ApplicantTypeMismatch.
    """
    if not applicant.is_citizen or not applicant.id_number:
        raise NotACitizen()
    if bool(matter_code) == bool(bundle_code):
        raise ValidationFailed.for_field("matter_code", _("请选择一个事项或一件事"))
    if channel not in Channel.values:
        raise ValidationFailed.for_field("channel", _("申请渠道无效"))
    matter = matter_get(code=matter_code) if matter_code else None
    bundle = bundle_get(code=bundle_code) if bundle_code else None
    audience, matters = _audience(matter=matter, bundle=bundle)
    enterprise: Enterprise | None = None
    if enterprise_uscc:
        uscc = normalize_uscc(enterprise_uscc, field="enterprise_uscc")
        enterprise = enterprises_acted_for(user=applicant).filter(uscc=uscc).first()
        if enterprise is None:
            raise NoMandate(details={"enterprise_uscc": uscc})
        if "enterprise" not in audience:
            raise ApplicantTypeMismatch(details={"applicant_type": "enterprise", "allowed": sorted(audience)})
    elif "person" not in audience and not founds_enterprise(matters):
        raise ApplicantTypeMismatch(_("该事项须以企业名义申请，请选择您获授权的企业。"),
                                    details={"applicant_type": "person", "allowed": sorted(audience)})
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return Application.objects.create(reference=reference_new(), applicant=applicant,
                                                  enterprise=enterprise, matter=matter, bundle=bundle, channel=channel)
        except IntegrityError:  # the random reference was taken
            continue
    raise RuntimeError("could not allocate an application reference")

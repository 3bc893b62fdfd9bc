"""How many on-site visits (到现场次数) a matter or a bundle needs at least.

The count is derived from the catalogue, never typed in: a matter needs one visit when a
material can only be an original shown at a window (``original``) or when the law wants the
person there (``in_person_check``: fingerprints, both parties present, an assessment). Anything
the platform can fetch (shared data, e-certificates), the applicant can type (form) or upload
online needs no visit. "Maximum one visit" means all such reasons are met in the same single
visit, so the count is 0 or 1, and the reasons say why it is not 0.

A material only forces a visit when every applicant needs it: an optional or conditional
original, or one the applicant may replace by a written commitment (告知承诺), does not raise
the minimum. A material that may be supplied later (容缺) still has to be shown, so it counts.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from django.utils.translation import gettext as _


class MaterialLike(Protocol):
    name: str
    source: str
    required: bool
    condition: str
    waivable_by_commitment: bool


class MatterLike(Protocol):
    code: str
    name: str
    in_person_check: bool
    in_person_reason: str


@dataclass(frozen=True)
class Visits:
    count: int
    reasons: tuple[str, ...] = ()

    @property
    def zero(self) -> bool:
        return self.count == 0


def material_forces_visit(material: MaterialLike) -> bool:
    return (material.source == "original" and material.required and not material.condition
            and not material.waivable_by_commitment)


def matter_visits(matter: MatterLike, materials: Iterable[MaterialLike]) -> Visits:
    """0, or 1 with every reason: the in-person check first, then each original to present."""
    reasons: list[str] = []
    if matter.in_person_check:
        reasons.append(_("须本人到场：%(reason)s") % {"reason": matter.in_person_reason or _("法定须到场办理")})
    reasons += [_("须现场出示原件：%(name)s") % {"name": m.name} for m in materials if material_forces_visit(m)]
    return Visits(count=1 if reasons else 0, reasons=tuple(reasons))


def bundle_visits(components: Iterable[tuple[MatterLike, Visits]]) -> Visits:
    """The most any component needs, not the sum: a bundle is handled at one window (一窗受理),
    so the single visit one component needs also serves every other component's reasons.
    Optional components count too: the guide states what the bundle as offered may need.
    Each reason is prefixed with the matter that causes it."""
    reasons = tuple(
        f"{matter.name}：{reason}" for matter, visits in components for reason in visits.reasons
    )
    return Visits(count=1 if reasons else 0, reasons=reasons)

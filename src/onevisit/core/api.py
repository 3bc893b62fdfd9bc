import datetime

from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema
from ninja.pagination import paginate

from onevisit.api.pagination import BoundedLimitOffsetPagination
from onevisit.api.types import DivisionCode, InputSchema, IsoDate, ResidentIdNumber, Uscc
from onevisit.core.identifiers import parse_resident_id
from onevisit.core.models import RegionLevel
from onevisit.core.regions import regions_in_force

router = Router(tags=["reference data"])


class RegionOut(Schema):
    code: str
    name: str
    name_en: str
    level: str
    parent_code: str | None
    valid_from: datetime.date | None
    valid_until: datetime.date | None
    dataset_version: str

    @staticmethod
    def resolve_parent_code(obj) -> str | None:
        return obj.parent.code if obj.parent_id else None


class RegionFilter(Schema):
    level: RegionLevel | None = None
    parent: DivisionCode | None = None
    on: IsoDate | None = None


@router.get("/regions", response=list[RegionOut], summary="Administrative divisions (行政区划) in force")
@paginate(BoundedLimitOffsetPagination)
def list_regions(request, filters: Query[RegionFilter]):
    qs = regions_in_force(on=filters.on).select_related("parent").order_by("code")
    if filters.level:
        qs = qs.filter(level=filters.level)
    if filters.parent:
        qs = qs.filter(parent__code=filters.parent)
    return qs


@router.get("/regions/{code}", response=RegionOut, summary="One division by its code")
def get_region(request, code: DivisionCode):
    from onevisit.core.models import Region

    return get_object_or_404(Region.objects.select_related("parent"), code=code)


class IdentifierCheckIn(InputSchema):
    id_number: ResidentIdNumber | None = None
    uscc: Uscc | None = None


class IdentifierCheckOut(Schema):
    id_number: str | None = None
    birth_date: datetime.date | None = None
    sex: str | None = None
    division_code: str | None = None
    uscc: str | None = None


@router.post("/identifiers/check", response=IdentifierCheckOut,
             summary="Validate a resident ID number and/or a USCC (422 names the bad field)")
def check_identifiers(request, payload: IdentifierCheckIn):
    out = IdentifierCheckOut(uscc=payload.uscc)
    if payload.id_number:
        parsed = parse_resident_id(payload.id_number)
        out.id_number = parsed.number
        out.birth_date = parsed.birth_date
        out.sex = parsed.sex
        out.division_code = parsed.division_code
    return out

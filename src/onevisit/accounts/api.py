import datetime

from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate

from onevisit.accounts import selectors, services
from onevisit.accounts.models import Department, Enterprise, Sector, StaffRole
from onevisit.api.auth import session_or_token
from onevisit.api.pagination import BoundedLimitOffsetPagination
from onevisit.api.types import (
    DepartmentCode,
    DivisionCode,
    InputSchema,
    IsoDate,
    ResidentIdNumber,
    Uscc,
)
from onevisit.core.models import RegionLevel

router = Router(tags=["accounts"])


class DepartmentRef(Schema):
    code: str
    name: str


class DepartmentOut(Schema):
    code: str
    name: str
    name_en: str
    sector: str
    level: str
    region_code: str
    parent_code: str | None
    uscc: str | None

    @staticmethod
    def resolve_region_code(obj) -> str:
        return obj.region.code

    @staticmethod
    def resolve_parent_code(obj) -> str | None:
        return obj.parent.code if obj.parent_id else None


class EnterpriseRef(Schema):
    uscc: str
    name: str


class MeOut(Schema):
    kind: str
    username: str
    full_name: str
    masked_id_number: str
    department: DepartmentRef | None
    roles: list[StaffRole]
    enterprises: list[EnterpriseRef]


@router.get("/me", response=MeOut, auth=session_or_token, summary="The logged-in person or system")
def me(request):
    user = request.user
    return MeOut(
        kind=user.kind,
        username=user.username if not user.is_citizen else user.masked_id_number,
        full_name=user.full_name,
        masked_id_number=user.masked_id_number,
        department=user.department,
        roles=selectors.staff_roles(user=user),
        enterprises=list(selectors.enterprises_acted_for(user=user)) if user.is_citizen else [],
    )


class DepartmentFilter(Schema):
    level: RegionLevel | None = None
    sector: Sector | None = None
    region: DivisionCode | None = None


@router.get("/departments", response=list[DepartmentOut], summary="Departments (部门) by level, sector, region")
@paginate(BoundedLimitOffsetPagination)
def list_departments(request, filters: Query[DepartmentFilter]):
    return selectors.departments_list(level=filters.level, sector=filters.sector, region_code=filters.region)


@router.get("/departments/{code}", response=DepartmentOut, summary="One department by its code")
def get_department(request, code: DepartmentCode):
    return get_object_or_404(Department.objects.select_related("region", "parent"), code=code)


class AgentGrantIn(InputSchema):
    agent_id_number: ResidentIdNumber
    valid_until: IsoDate | None = None


class MandateOut(Schema):
    enterprise: EnterpriseRef
    agent_masked_id_number: str
    role: str
    valid_until: datetime.date | None


@router.post("/enterprises/{uscc}/agents", response={201: MandateOut}, auth=session_or_token,
             summary="The legal representative authorises an agent to act for the enterprise")
def grant_agent(request, uscc: Uscc, payload: AgentGrantIn):
    enterprise = get_object_or_404(Enterprise, uscc=uscc)
    mandate = services.mandate_grant_agent(
        enterprise=enterprise, granted_by=request.user, agent_id_number=payload.agent_id_number,
        valid_until=payload.valid_until,
    )
    return Status(201, MandateOut(enterprise=enterprise, agent_masked_id_number=mandate.user.masked_id_number,
                                  role=mandate.role, valid_until=mandate.valid_until))

"""Read-only API of the service catalogue (public: a guide is published information)."""

from typing import Annotated, Any

from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from onevisit.accounts.models import Sector
from onevisit.api.pagination import BoundedLimitOffsetPagination
from onevisit.catalogue import selectors
from onevisit.catalogue.models import (
    ApplicantType,
    BundleAudience,
    CaseType,
    MaterialSource,
    MatterType,
    Provider,
)
from onevisit.core.models import RegionLevel

router = Router(tags=["catalogue"])

Code = Annotated[str, Field(max_length=32, pattern=r"^[A-Z0-9][A-Z0-9-]{0,31}$", description="事项或一件事编码",
                            examples=["DEMO-M01"])]
# No control characters: PostgreSQL refuses NUL in a text parameter.
SearchText = Annotated[str, Field(max_length=100, pattern=r"^[^\x00-\x1f\x7f]*$",
                                  description="名称、编码或拼音首字母", examples=["csdj"])]


class VisitsOut(Schema):
    count: int = Field(..., description="最少到现场次数（0 或 1）")
    reasons: list[str]


class MaterialOut(Schema):
    name: str
    source: MaterialSource
    data_item: str
    data_fields: list[str]
    certificate_type: str | None
    form_fields: list[str]
    accepted_types: list[str]
    max_size_mb: int | None
    required: bool
    condition: str
    waivable_by_commitment: bool
    supply_later: bool

    @staticmethod
    def resolve_certificate_type(obj) -> str | None:
        return obj.certificate_type.code if obj.certificate_type else None


class MatterSummaryOut(Schema):
    code: str
    name: str
    name_en: str
    matter_type: MatterType
    competent_sector: Sector
    implementing_level: RegionLevel
    provider: Provider
    applicant_type: ApplicantType
    case_type: CaseType
    statutory_limit_days: int | None
    committed_limit_days: int | None
    online: bool
    mobile: bool
    visits: int

    @staticmethod
    def resolve_visits(obj) -> int:
        return selectors.matter_visits_of(obj).count


class MatterOut(MatterSummaryOut):
    provider_name: str
    legal_basis: str
    statutory_limit_note: str
    committed_limit_note: str
    fee_free: bool
    fee_note: str
    result_name: str
    result_certificate: str | None
    delivery: list[str]
    conditions: str
    in_person_check: bool
    in_person_reason: str
    visit_reasons: list[str]
    materials: list[MaterialOut]

    @staticmethod
    def resolve_result_certificate(obj) -> str | None:
        return obj.result_certificate.code if obj.result_certificate else None

    @staticmethod
    def resolve_visit_reasons(obj) -> list[str]:
        return list(selectors.matter_visits_of(obj).reasons)

    @staticmethod
    def resolve_materials(obj) -> list[Any]:
        return list(obj.materials.all())


class MatterFilter(Schema):
    q: SearchText = ""
    sector: Sector | None = None
    applicant_type: ApplicantType | None = None


@router.get("/matters", response=list[MatterSummaryOut],
            summary="Search matters (政务服务事项) by keyword, code or pinyin initials, sector, applicant type")
@paginate(BoundedLimitOffsetPagination)
def list_matters(request, filters: Query[MatterFilter]):
    return selectors.matters_search(q=filters.q, sector=filters.sector, applicant_type=filters.applicant_type)


@router.get("/matters/{code}", response=MatterOut, summary="A matter's guide (办事指南): every field and material")
def get_matter(request, code: Code):
    return selectors.matter_get(code=code)


class ComponentOut(Schema):
    matter: MatterSummaryOut
    depends_on: list[str] = Field(..., description="需要其办理结果的事项编码")
    optional: bool
    condition: str

    @staticmethod
    def resolve_depends_on(obj) -> list[str]:
        return [d.matter.code for d in obj.depends_on.all()]


class RequirementOut(Schema):
    source: MaterialSource
    key: str = Field(..., description="数据项编码、证照类型编码、表单字段键或材料名称")
    name: str
    fields: list[str]
    matters: list[str]
    required: bool
    produced_by: str = Field(..., description="由本一件事中该事项的办理结果提供（为空则须申请人提供）")
    waivable_by_commitment: bool
    supply_later: bool


class BundleSummaryOut(Schema):
    code: str
    name: str
    name_en: str
    audience: BundleAudience
    lead_sector: Sector
    committed_limit_days: int | None
    matters: list[str]
    visits: int

    @staticmethod
    def resolve_matters(obj) -> list[str]:
        return [c.matter.code for c in obj.components.all()]

    @staticmethod
    def resolve_visits(obj) -> int:
        return selectors.bundle_visits_of(obj).count


class BundleOut(BundleSummaryOut):
    description: str
    committed_limit_note: str
    visit_reasons: list[str]
    components: list[ComponentOut]
    requirements: list[RequirementOut]

    @staticmethod
    def resolve_visit_reasons(obj) -> list[str]:
        return list(selectors.bundle_visits_of(obj).reasons)

    @staticmethod
    def resolve_components(obj) -> list[Any]:
        return list(obj.components.all())

    @staticmethod
    def resolve_requirements(obj) -> list[Any]:
        return selectors.bundle_requirements(obj)


class BundleFilter(Schema):
    q: SearchText = ""
    audience: BundleAudience | None = None


@router.get("/bundles", response=list[BundleSummaryOut], summary="“One thing” bundles (一件事) by life event")
@paginate(BoundedLimitOffsetPagination)
def list_bundles(request, filters: Query[BundleFilter]):
    return selectors.bundles_list(q=filters.q, audience=filters.audience)


@router.get("/bundles/{code}", response=BundleOut,
            summary="A bundle with its components, dependencies, merged requirements and visits")
def get_bundle(request, code: Code):
    return selectors.bundle_get(code=code)

"""Decision documents as the cases app will build them; no database needed."""

from dataclasses import replace
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from onevisit.documents.decision import DecisionDocument

SHANGHAI = ZoneInfo("Asia/Shanghai")


def decision(**overrides) -> DecisionDocument:
    """An approved start-up decision; override any field."""
    fields = {
        "number": "浙杭西市监决〔2026〕00107号",
        "case_reference": "C20261122000107",
        "application_reference": "A20261121000033",
        "matter_code": "DEMO-M20",
        "matter_name": "有限责任公司设立登记",
        "department_name": "杭州市西湖区市场监督管理局",
        "department_code": "330106-AMR",
        "applicant_name": "王小明",
        "applicant_id_masked": "330106********1236",
        "enterprise_name": "杭州西溪云图科技有限公司",
        "outcome": "approved",
        "reason": "",
        "legal_basis": "《中华人民共和国市场主体登记管理条例》第十九条",
        "result_name": "营业执照",
        "certificate_type_code": "BUSINESS_LICENCE",
        "delivery_method": "electronic",
        "decided_by": "李芳",
        "decided_at": datetime(2026, 11, 22, 15, 5, tzinfo=SHANGHAI),
        "submitted_at": datetime(2026, 11, 21, 20, 40, tzinfo=SHANGHAI),
        "accepted_at": datetime(2026, 11, 22, 9, 0, tzinfo=SHANGHAI),
        "verify_url": "https://onevisit.example.gov.cn/cases/verify/3b9d0c",
    }
    return DecisionDocument(**{**fields, **overrides})


@pytest.fixture
def approved() -> DecisionDocument:
    return decision()


@pytest.fixture
def rejected() -> DecisionDocument:
    return replace(
        decision(),
        outcome="rejected",
        reason="公司名称与已登记的“杭州西溪云图信息技术有限公司”近似，不予登记。",
        result_name="",
        certificate_type_code=None,
    )

"""A realistic decision document that needs no database: for the `documents sample` command."""

from datetime import datetime
from zoneinfo import ZoneInfo

from onevisit.documents.decision import DecisionDocument, Outcome

SHANGHAI = ZoneInfo("Asia/Shanghai")


def sample_decision(*, outcome: Outcome = "approved") -> DecisionDocument:
    """A birth registration decided by a district civil affairs bureau, approved or rejected."""
    rejected = outcome == "rejected"
    return DecisionDocument(
        number="浙杭西民决〔2026〕00042号",
        case_reference="C20261122000042",
        application_reference="A20261120000017",
        matter_code="DEMO-M01",
        matter_name="出生登记",
        department_name="杭州市西湖区民政局",
        department_code="330106-CA",
        applicant_name="王小明",
        applicant_id_masked="330106********1236",
        outcome=outcome,
        reason=(
            "出生医学证明上的新生儿母亲姓名与申请人提交的结婚证信息不一致，请核实后重新申请。"
            if rejected else ""
        ),
        legal_basis="《中华人民共和国户口登记条例》第七条",
        result_name="准予登记",
        delivery_method="electronic",
        decided_by="陈警官",
        decided_at=datetime(2026, 11, 22, 10, 30, tzinfo=SHANGHAI),
        submitted_at=datetime(2026, 11, 20, 9, 15, tzinfo=SHANGHAI),
        accepted_at=datetime(2026, 11, 20, 9, 40, tzinfo=SHANGHAI),
        verify_url="https://onevisit.example.gov.cn/cases/verify/"
                   "9f2c4e1a7b3d5f60812c4d9e0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d",
    )

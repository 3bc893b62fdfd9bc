"""A business licence of eight fields in a citizen's wallet, issued through the real service."""

import datetime

from onevisit.catalogue.models import CertificateType
from onevisit.certificates.issuing import certificate_issue

LICENCE_FIELDS = {
    "name": "杭州西湖小馆餐饮有限公司", "uscc": "91330106MA2B3C4D5E", "legal_person": "王小明",
    "company_type": "有限责任公司", "registered_capital": "50万元", "established_on": "2026-05-01",
    "address": "杭州市西湖区文三路 90 号", "business_scope": "餐饮服务",
}
LABELS = {"name": "名称", "uscc": "统一社会信用代码", "legal_person": "法定代表人", "company_type": "类型",
          "registered_capital": "注册资本", "established_on": "成立日期", "address": "住所",
          "business_scope": "经营范围"}


def licence_type() -> CertificateType:
    return CertificateType.objects.create(
        code="business_licence_test", name="营业执照", name_en="Business licence", issuing_sector="AMR",
        fields=[{"name": n, "label": label} for n, label in LABELS.items()],
    )


def licence_for(citizen, department, *, reference="LIC-1"):
    certificate, _created = certificate_issue(
        certificate_type=licence_type(), department=department, holder_kind="person",
        holder_id=citizen.id_number, holder_name=citizen.full_name, holder_user=citizen, data=LICENCE_FIELDS,
        source="registry", source_reference=reference, valid_until=datetime.date.today() + datetime.timedelta(days=365),
    )
    return certificate

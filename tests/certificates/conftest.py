"""Fixtures of the wallet tests: the case tests' demo world (seeded departments, staff, catalogue,
grants, a small registry population) and submitted applications, made by the real services."""

import pytest  # noqa: E402

from applications.conftest import (  # noqa: F401  (fixtures shared with the application tests)
    APPS_DATABASES,
    apps_enterprise,
    apps_li,
    apps_providers,
    apps_wang,
    apps_world,
)
from cases.conftest import newborn_application, newborn_cases, officer_of  # noqa: F401
from onevisit.catalogue.models import CertificateType  # noqa: E402
from onevisit.certificates.issuing import certificate_issue  # noqa: E402


@pytest.fixture
def passport_type(db):
    return CertificateType.objects.create(
        code="passport", name="普通护照", issuing_sector="PSB",
        fields=[{"name": n, "label": lbl} for n, lbl in [("passport_number", "护照号码"), ("name", "姓名"),
                                                           ("sex", "性别"), ("birth_date", "出生日期")]])


@pytest.fixture
def issue(department, passport_type):
    """Issue a passport by ``department`` to a citizen (the real service), one per source reference."""
    def make(holder, reference="registry:population:1:1", **extra):
        certificate, _created = certificate_issue(
            certificate_type=passport_type, department=department, holder_kind="person", holder_id=holder.id_number,
            holder_name=holder.full_name, holder_user=holder, source="registry", source_reference=reference,
            data={"passport_number": "E12345678", "name": holder.full_name, "sex": "男", "birth_date": "1990-03-07"},
            **extra)
        return certificate
    return make

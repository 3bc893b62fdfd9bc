"""The demo catalogue is imported from its YAML files; export reads back as the same catalogue."""

from collections import Counter

import pytest
import yaml

from onevisit.catalogue import fileformat, services
from onevisit.catalogue.export import catalogue_export
from onevisit.catalogue.models import Bundle, CertificateType, Material, Matter
from onevisit.catalogue.selectors import bundle_visits_of, matter_visits_of

pytestmark = pytest.mark.django_db


def test_the_seed_has_real_matters_across_departments_bundles_and_certificate_types(catalogue_seeded):
    government = Matter.objects.filter(provider="government")
    assert government.count() >= 40
    assert government.values("competent_sector").distinct().count() >= 12
    assert Bundle.objects.count() >= 8
    assert CertificateType.objects.count() >= 15
    assert {"企业开办", "新生儿出生", "退休", "企业注销", "开办餐饮店", "企业信息变更", "水电气网联合报装",
            "信用修复", "教育入学"} <= set(Bundle.objects.values_list("name", flat=True))


def test_every_material_source_kind_is_used(catalogue_seeded):
    kinds = Counter(Material.objects.values_list("source", flat=True))
    assert set(kinds) == {"shared", "certificate", "form", "upload", "original"}


def test_marriage_needs_one_visit_and_company_start_up_none(catalogue_seeded):
    marriage = Matter.objects.get(code="DEMO-M08")
    start_up = Bundle.objects.get(code="DEMO-B01")
    assert matter_visits_of(marriage).count == 1
    assert bundle_visits_of(start_up).count == 0


def test_export_then_import_then_export_gives_the_same_text(catalogue_seeded):
    first = fileformat.dump(catalogue_export())
    Bundle.objects.all().delete()
    Matter.objects.all().delete()

    services.catalogue_import(documents=[fileformat.Document(name="export.yaml", data=yaml.safe_load(first))])

    assert fileformat.dump(catalogue_export()) == first


def test_json_export_reads_back_as_the_same_data(catalogue_seeded):
    import json

    data = catalogue_export()
    assert json.loads(fileformat.dump(data, fmt="json")) == data


def test_the_seed_step_runs_after_the_data_catalogue_and_departments():
    from onevisit.core import seeding

    order = [step.name for step in seeding.ordered_steps()]
    assert order.index("exchange.catalogue") < order.index("catalogue.matters")
    assert order.index("accounts.departments") < order.index("catalogue.matters")


def test_seeding_again_updates_and_adds_nothing(catalogue_seeded):
    from onevisit.catalogue.seed import seed_catalogue
    from onevisit.core.seeding import SeedContext

    before = (Matter.objects.count(), Material.objects.count(), Bundle.objects.count())
    lines = []
    seed_catalogue(SeedContext(stdout=lines.append))

    assert (Matter.objects.count(), Material.objects.count(), Bundle.objects.count()) == before
    assert "matters: 0 created, 60 updated" in lines[0]

"""The catalogue read API under /api/v1/catalogue/ (public)."""

import pytest

pytestmark = pytest.mark.django_db


def test_list_matters_by_pinyin_initials(client, catalogue_seeded):
    response = client.get("/api/v1/catalogue/matters", {"q": "csdj"})

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    assert body["items"][0]["code"] == "DEMO-M01"
    assert body["items"][0]["visits"] == 0


def test_list_matters_filters_by_sector_and_paginates(client, catalogue_seeded):
    body = client.get("/api/v1/catalogue/matters", {"sector": "AMR", "limit": 2}).json()

    assert body["count"] > 2
    assert len(body["items"]) == 2
    assert {item["competent_sector"] for item in body["items"]} == {"AMR"}


def test_a_matter_guide_has_every_field_materials_and_visit_reasons(client, catalogue_seeded):
    body = client.get("/api/v1/catalogue/matters/DEMO-M02").json()

    assert body["statutory_limit_days"] == 40 and body["committed_limit_days"] == 15
    assert body["result_certificate"] == "resident_id"
    assert body["visits"] == 1
    assert body["visit_reasons"] == ["须本人到场：现场采集人像和指纹"]
    assert [m["source"] for m in body["materials"]] == ["shared", "shared", "original"]


def test_an_unknown_matter_is_a_typed_404(client, catalogue_seeded):
    response = client.get("/api/v1/catalogue/matters/DEMO-M99")

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    assert response.json()["details"] == {"matter": "DEMO-M99"}


def test_a_malformed_code_is_a_422(client, catalogue_seeded):
    assert client.get("/api/v1/catalogue/matters/not a code").status_code == 422


def test_a_bundle_has_components_dependencies_merged_requirements_and_visits(client, catalogue_seeded):
    body = client.get("/api/v1/catalogue/bundles/DEMO-B02").json()

    assert body["visits"] == 0
    components = {c["matter"]["code"]: c["depends_on"] for c in body["components"]}
    assert components["DEMO-M01"] == ["DEMO-M37"]
    birth = next(r for r in body["requirements"] if r["key"] == "birth_medical")
    assert birth["produced_by"] == "DEMO-M37"


def test_bundles_list_by_audience(client, catalogue_seeded):
    body = client.get("/api/v1/catalogue/bundles", {"audience": "person"}).json()

    assert body["count"] >= 4
    assert "DEMO-B02" in {b["code"] for b in body["items"]}
    assert all(b["audience"] == "person" for b in body["items"])


def test_the_openapi_declares_404_and_422_for_the_matter_guide(client):
    operation = client.get("/api/v1/openapi.json").json()["paths"]["/api/v1/catalogue/matters/{code}"]["get"]

    assert {"200", "404", "422"} <= set(operation["responses"])

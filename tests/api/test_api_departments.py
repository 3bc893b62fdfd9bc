"""GET /api/v1/departments: the seeded departments, filtered by level, sector and region."""

import pytest

from onevisit.accounts.seed import seed_departments
from onevisit.core.seeding import SeedContext

from .conftest import error_fields

pytestmark = pytest.mark.django_db


@pytest.fixture
def departments(regions):
    seed_departments(SeedContext(stdout=lambda line: None))


def codes(response) -> list[str]:
    return [item["code"] for item in response.json()["items"]]


def test_provincial_public_security_is_one_department(client, departments):
    body = client.get("/api/v1/departments?level=province&sector=PSB").json()

    assert body["count"] == 1
    [department] = body["items"]
    assert department["code"] == "330000-PSB"
    assert department["name"] == "浙江省公安厅"
    assert department["region_code"] == "330000"
    assert department["parent_code"] is None


def test_filter_by_region_lists_the_departments_of_one_district(client, departments):
    response = client.get("/api/v1/departments?region=330106")

    assert response.json()["count"] == 16
    assert all(code.startswith("330106-") for code in codes(response))


def test_filter_by_sector_across_levels(client, departments):
    response = client.get("/api/v1/departments?sector=CUS")

    assert codes(response) == ["330000-CUS"]
    assert response.json()["items"][0]["name"] == "杭州海关"


def test_filters_combine(client, departments):
    assert codes(client.get("/api/v1/departments?level=city&sector=TAX&region=330200")) == ["330200-TAX"]


def test_the_city_departments_of_one_sector_are_eleven(client, departments):
    assert client.get("/api/v1/departments?level=city&sector=HRSS").json()["count"] == 11


@pytest.mark.parametrize("query, field", [("sector=XYZ", "sector"), ("level=town", "level"), ("region=33", "region")])
def test_an_invalid_filter_is_a_422_naming_it(client, departments, query, field):
    response = client.get(f"/api/v1/departments?{query}")

    assert response.status_code == 422
    assert error_fields(response) == {field}


def test_one_department_by_its_code(client, departments):
    body = client.get("/api/v1/departments/330106-PSB").json()

    assert body["name"] == "西湖区公安分局"
    assert body["parent_code"] == "330100-PSB"
    assert body["region_code"] == "330106"


def test_an_unknown_department_is_a_404(client, departments):
    assert client.get("/api/v1/departments/330106-XYZ").status_code == 404


def test_a_department_code_with_control_characters_is_a_422_not_a_server_error(client, departments):
    response = client.get("/api/v1/departments/%00")

    assert response.status_code == 422
    assert error_fields(response) == {"code"}

"""GET /api/v1/regions: divisions in force, paginated and filtered."""

import pytest

from .conftest import error_fields

pytestmark = pytest.mark.django_db

HANGZHOU_TODAY = ["330102", "330105", "330106", "330108", "330109", "330110", "330111", "330112", "330113",
                  "330114", "330122", "330127", "330182"]


def codes(response) -> list[str]:
    return [item["code"] for item in response.json()["items"]]


def test_the_list_is_paginated_with_a_count_of_everything_in_force(client, regions):
    body = client.get("/api/v1/regions").json()

    assert body["count"] == 102  # 1 province, 11 cities, 90 county-level divisions
    assert len(body["items"]) == 100
    assert body["items"][0] == {
        "code": "330000", "name": "浙江省", "name_en": "Zhejiang Province", "level": "province",
        "parent_code": None, "valid_from": None, "valid_until": None, "dataset_version": "2024.1",
    }


def test_limit_and_offset_select_a_page_in_code_order(client, regions):
    everything = codes(client.get("/api/v1/regions?limit=200"))

    page = client.get("/api/v1/regions?limit=5&offset=10").json()

    assert page["count"] == 102
    assert [item["code"] for item in page["items"]] == everything[10:15]


def test_an_offset_past_the_end_gives_an_empty_page(client, regions):
    assert client.get("/api/v1/regions?offset=500").json() == {"items": [], "count": 102}


@pytest.mark.parametrize("query, field", [
    ("limit=0", "limit"), ("limit=1001", "limit"), ("offset=-1", "offset"),
    ("offset=100000000000000000000", "offset"), ("limit=many", "limit"),
])
def test_a_limit_or_offset_out_of_bounds_is_a_422_naming_it(client, regions, query, field):
    response = client.get(f"/api/v1/regions?{query}")

    assert response.status_code == 422
    assert error_fields(response) == {field}


def test_filter_by_level(client, regions):
    body = client.get("/api/v1/regions?level=city").json()

    assert body["count"] == 11
    assert {item["parent_code"] for item in body["items"]} == {"330000"}


def test_filter_by_parent_lists_hangzhou_districts_in_force_today(client, regions):
    assert codes(client.get("/api/v1/regions?parent=330100")) == HANGZHOU_TODAY


def test_filter_by_date_shows_hangzhou_before_the_2021_adjustment(client, regions):
    hangzhou_2020 = codes(client.get("/api/v1/regions?parent=330100&on=2020-06-01"))

    assert {"330103", "330104"} <= set(hangzhou_2020)
    assert not {"330113", "330114"} & set(hangzhou_2020)


@pytest.mark.parametrize("parent", ["33010", "3301000", "abcdef", "33O100"])
def test_an_invalid_parent_code_is_a_422_naming_parent(client, regions, parent):
    response = client.get(f"/api/v1/regions?parent={parent}")

    assert response.status_code == 422
    assert error_fields(response) == {"parent"}


def test_an_unknown_level_is_a_422_naming_level(client, regions):
    assert error_fields(client.get("/api/v1/regions?level=town")) == {"level"}


def test_an_impossible_date_is_a_422_naming_on(client, regions):
    assert error_fields(client.get("/api/v1/regions?on=2021-02-30")) == {"on"}


def test_one_region_by_its_code(client, regions):
    body = client.get("/api/v1/regions/330106").json()

    assert (body["name"], body["level"], body["parent_code"]) == ("西湖区", "county", "330100")


def test_an_abolished_region_can_still_be_read_by_its_code(client, regions):
    body = client.get("/api/v1/regions/330103").json()

    assert (body["name"], body["valid_until"]) == ("下城区", "2021-04-09")


def test_an_unknown_region_is_a_404_with_the_error_shape(client, regions):
    response = client.get("/api/v1/regions/330199")

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_a_malformed_region_code_is_a_422_naming_code(client, regions):
    assert error_fields(client.get("/api/v1/regions/3301")) == {"code"}

"""POST /api/v1/identifiers/check validates without side effects; a 422 names the bad field."""

import pytest

from .conftest import error_fields

pytestmark = pytest.mark.django_db


def check(client, **payload):
    return client.post("/api/v1/identifiers/check", payload, content_type="application/json")


def test_a_valid_id_number_is_returned_normalised_with_what_it_says(client):
    response = check(client, id_number="11010519491231002x")

    assert response.status_code == 200
    assert response.json() == {"id_number": "11010519491231002X", "birth_date": "1949-12-31", "sex": "F",
                               "division_code": "110105", "uscc": None}


def test_a_valid_uscc_is_returned_normalised(client):
    response = check(client, uscc="91350100m000100y43")

    assert response.status_code == 200
    assert response.json()["uscc"] == "91350100M000100Y43"


def test_both_may_be_checked_at_once(client):
    body = check(client, id_number="440524188001010014", uscc="91350100M000100Y43").json()

    assert (body["id_number"], body["uscc"]) == ("440524188001010014", "91350100M000100Y43")


def test_a_bad_id_number_is_a_422_naming_id_number(client):
    response = check(client, id_number="11010519491231002Y")

    assert response.status_code == 422
    assert error_fields(response) == {"id_number"}
    assert response.json()["details"][0]["message"] == "身份证号码前17位应为数字，末位为数字或X"


def test_an_id_number_with_a_wrong_check_character_says_so(client):
    response = check(client, id_number="110105194912310021")

    assert response.json()["details"] == [{"field": "id_number", "message": "身份证号码校验位不正确"}]


def test_a_bad_uscc_is_a_422_naming_uscc(client):
    response = check(client, uscc="91350100M000100Y44")

    assert response.status_code == 422
    assert response.json()["details"] == [{"field": "uscc", "message": "统一社会信用代码校验位不正确"}]


def test_a_uscc_with_a_forbidden_letter_is_a_422_naming_uscc(client):
    assert error_fields(check(client, uscc="91350100O000100Y43")) == {"uscc"}


def test_when_both_are_bad_both_fields_are_named(client):
    assert error_fields(check(client, id_number="110105194912310021", uscc="91350100M000100Y44")) == {
        "id_number", "uscc"}


def test_digits_of_another_script_are_a_422_not_a_server_error(client):
    assert error_fields(check(client, id_number="3301061990030712²6")) == {"id_number"}


def test_a_body_that_is_not_json_is_a_400_with_the_error_shape(client):
    response = client.post("/api/v1/identifiers/check", "id_number=1", content_type="application/json")

    assert response.status_code == 400
    assert set(response.json()) == {"code", "message", "details"}

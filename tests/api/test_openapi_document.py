"""The OpenAPI 3.1 document is valid and declares every status an operation answers with;
the docs page works offline (only our own static files)."""

import re

import pytest

pytestmark = pytest.mark.django_db

COMMON_ERRORS = {"400", "401", "403", "404", "422", "429"}


@pytest.fixture
def document(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()


def operations(document):
    for path, item in document["paths"].items():
        for method, operation in item.items():
            yield path, method, operation


def test_the_document_is_openapi_3_1(document):
    assert re.fullmatch(r"3\.1\.\d+", document["openapi"])
    assert document["info"]["title"] == "OneVisit API"


def test_the_document_validates_against_the_openapi_3_1_schema(document):
    from openapi_spec_validator import OpenAPIV31SpecValidator

    errors = [error.message for error in OpenAPIV31SpecValidator(document).iter_errors()]

    assert errors == []


def test_schemathesis_loads_every_operation(document):
    import schemathesis

    schema = schemathesis.openapi.from_dict(document)

    loaded = {(op.ok().method.upper(), op.ok().path) for op in schema.get_all_operations()}
    assert loaded == {(method.upper(), path) for path, method, _op in operations(document)}


def test_the_foundation_operations_are_all_there(document):
    assert {(method, path) for path, method, _op in operations(document)} >= {
        ("get", "/api/v1/me"), ("get", "/api/v1/regions"), ("get", "/api/v1/regions/{code}"),
        ("get", "/api/v1/departments"), ("get", "/api/v1/departments/{code}"),
        ("post", "/api/v1/identifiers/check"), ("post", "/api/v1/enterprises/{uscc}/agents"),
    }


def test_every_operation_declares_the_common_errors_with_the_error_schema(document):
    for path, method, operation in operations(document):
        for status in COMMON_ERRORS:
            response = operation["responses"].get(status)
            assert response, f"{method.upper()} {path} does not declare {status}"
            schema = response["content"]["application/json"]["schema"]
            assert schema == {"$ref": "#/components/schemas/Error"}, f"{method.upper()} {path} {status}"


def test_the_error_schema_is_code_message_details(document):
    error = document["components"]["schemas"]["Error"]

    assert set(error["properties"]) == {"code", "message", "details"}
    assert set(error["required"]) == {"code", "message"}


def test_operations_that_need_a_caller_declare_token_and_session_auth(document):
    secured = {(method, path): operation.get("security") for path, method, operation in operations(document)}

    assert secured[("get", "/api/v1/me")] == [{"TokenAuth": []}, {"SessionAuth": []}]
    assert secured[("post", "/api/v1/enterprises/{uscc}/agents")] == [{"TokenAuth": []}, {"SessionAuth": []}]
    assert secured[("get", "/api/v1/regions")] is None


def test_the_page_size_bounds_are_published(document):
    [operation] = [op for path, method, op in operations(document) if path == "/api/v1/regions"]
    limit = next(p for p in operation["parameters"] if p["name"] == "limit")

    assert (limit["schema"]["minimum"], limit["schema"]["maximum"]) == (1, 1000)


def test_the_docs_page_renders(client):
    response = client.get("/api/v1/docs")

    assert response.status_code == 200
    assert "swagger" in response.content.decode().lower()


def test_the_docs_page_loads_nothing_from_other_hosts(client):
    page = client.get("/api/v1/docs").content.decode()

    assert re.findall(r"https?://", page) == []
    references = re.findall(r'(?:src|href)="([^"]*)"', page)
    assert references, "the page should load its scripts and styles"
    assert all(ref.startswith("/") and not ref.startswith("//") for ref in references), references

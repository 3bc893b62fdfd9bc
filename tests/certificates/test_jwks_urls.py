"""Verifiers fetch each issuer's public keys from a well-known URL."""

import pytest

from onevisit.certificates.keys import issuer_key_active

pytestmark = pytest.mark.django_db


def test_jwks_serves_public_keys_only(client, department):
    key = issuer_key_active(department=department)
    response = client.get(f"/.well-known/onevisit/issuers/{department.code}/jwks.json")
    assert response.status_code == 200
    (published,) = response.json()["keys"]
    assert published["kid"] == key.kid and "d" not in published


def test_unknown_department_is_404(client):
    assert client.get("/.well-known/onevisit/issuers/NOPE/jwks.json").status_code == 404


def test_index_lists_issuers_with_keys(client, department):
    issuer_key_active(department=department)
    (issuer,) = client.get("/.well-known/onevisit/issuers.json").json()["issuers"]
    assert issuer["code"] == department.code and issuer["jwks_uri"].endswith(f"/issuers/{department.code}/jwks.json")

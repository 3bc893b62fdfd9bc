"""Issuer keys: generated on first use, rotated without breaking old certificates, never served private."""

import pytest
from jwcrypto.jwk import JWK

from onevisit.certificates.keys import (
    issuer_jwks,
    issuer_key_active,
    issuer_key_retire,
    issuer_key_rotate,
    signing_jwk,
)
from onevisit.certificates.sd_jwt_vc import vc_issue
from onevisit.certificates.verification import vc_verify

pytestmark = pytest.mark.django_db
ISS = "https://onevisit.example/issuers/X"


def _issue(key):
    return vc_issue(key=signing_jwk(key), kid=key.kid, iss=ISS, vct="urn:x", iat=1, exp=None, data={"a": 1})


def test_first_use_generates_one_key(department):
    assert issuer_key_active(department=department) == issuer_key_active(department=department)


def test_jwks_has_no_private_part(department):
    issuer_key_active(department=department)
    (published,) = issuer_jwks(department=department)["keys"]
    assert "d" not in published and published["crv"] == "P-256"


def test_rotation_signs_with_the_new_key_and_old_certificates_still_verify(department):
    old = issuer_key_active(department=department)
    certificate = _issue(old)
    new = issuer_key_rotate(department=department)
    assert issuer_key_active(department=department) == new
    assert vc_verify(certificate, jwks={ISS: issuer_jwks(department=department)}).valid


def test_retired_key_no_longer_verifies(department):
    old = issuer_key_active(department=department)
    certificate = _issue(old)
    issuer_key_rotate(department=department)
    issuer_key_retire(key=old)
    assert not vc_verify(certificate, jwks={ISS: issuer_jwks(department=department)}).valid
    assert isinstance(signing_jwk(old), JWK)

"""Our verifier: exp and status are checked on top of the reference signature check."""

import pytest
from jwcrypto.jwk import JWK, JWKSet
from sd_jwt.holder import SDJWTHolder

from onevisit.certificates.sd_jwt_vc import vc_issue
from onevisit.certificates.status_list import status_list_encode
from onevisit.certificates.verification import Reason, vc_verify

ISS = "https://onevisit.example/issuers/DEMO-HEALTH"
STATUS_URI = ISS + "/status/1"
DATA = {"name": "王小明", "sex": "男", "birth_date": "2026-05-01"}


@pytest.fixture
def key():
    return JWK.generate(kty="EC", crv="P-256", kid="k1")


def _jwks(*keys):
    keyset = JWKSet()
    for k in keys:
        keyset.add(JWK.from_json(k.export_public()))
    return {ISS: keyset.export(private_keys=False)}


def _presentation(key, *, kid="k1", exp=2_100_000_000, idx=3):
    issuance = vc_issue(key=key, kid=kid, iss=ISS, vct="urn:onevisit:cert:CSYXZM", iat=1_790_000_000,
                        exp=exp, data=DATA,
                        registered={"status": {"status_list": {"idx": idx, "uri": STATUS_URI}}})
    holder = SDJWTHolder(issuance)
    holder.create_presentation({"name": True, "sex": True})
    return holder.sd_jwt_presentation


def test_valid_presentation_returns_only_disclosed_claims(key):
    lists = {STATUS_URI: status_list_encode([0] * 8)}
    result = vc_verify(_presentation(key), jwks=_jwks(key), status_lists=lists, now=1_800_000_000)
    assert result.valid and result.claims == {"name": "王小明", "sex": "男"}


def test_expired_is_refused(key):
    result = vc_verify(_presentation(key, exp=1_795_000_000), jwks=_jwks(key), now=1_800_000_000)
    assert result.reason is Reason.EXPIRED


@pytest.mark.parametrize(("status", "reason"), [(1, Reason.REVOKED), (2, Reason.SUSPENDED)])
def test_revoked_or_suspended_is_refused(key, status, reason):
    statuses = [0] * 8
    statuses[3] = status
    lists = {STATUS_URI: status_list_encode(statuses)}
    assert vc_verify(_presentation(key), jwks=_jwks(key), status_lists=lists, now=1_800_000_000).reason is reason


def test_unknown_issuer_is_refused(key):
    assert vc_verify(_presentation(key), jwks={}, now=1_800_000_000).reason is Reason.UNKNOWN_ISSUER


def test_other_key_signature_is_refused(key):
    other = JWK.generate(kty="EC", crv="P-256", kid="k1")
    assert vc_verify(_presentation(key), jwks=_jwks(other), now=1_800_000_000).reason is Reason.TAMPERED


def test_nonce_without_key_binding_is_refused(key):
    assert vc_verify(_presentation(key), jwks=_jwks(key), nonce="n-1").reason is Reason.HOLDER_BINDING_FAILED


def test_rotated_key_still_verifies_old_certificates(key):
    new = JWK.generate(kty="EC", crv="P-256", kid="k2")
    assert vc_verify(_presentation(key), jwks=_jwks(new, key), now=1_800_000_000).valid

"""Independent check: our presentations verify with the sd-jwt reference verifier, not our code.

``sd_jwt.verifier.SDJWTVerifier`` checks the issuer signature, the disclosures and (given an
expected nonce and aud) the KB-JWT against ``cnf.jwk``. It does not check ``exp`` or the
status list: the last tests show our verifier refuses what it lets through.
"""

import base64
import json
import time

import pytest
from jwcrypto.common import JWException
from jwcrypto.jws import JWS
from sd_jwt.verifier import SDJWTVerifier

from onevisit.certificates.presentation import presentation_make
from onevisit.certificates.sd_jwt_parts import b64hash, split
from onevisit.certificates.verification import Reason, vc_verify

from .credentials import AUD, EIGHT_FIELDS, ISS, issue, jwks_of, new_key, status_lists

DATA_CLAIMS = set(EIGHT_FIELDS)


@pytest.fixture
def keys():
    return new_key("issuer-1"), new_key("holder-1")


def _present(keys, fields=("legal_person", "address"), nonce="nonce-A", **issue_kwargs):
    issuer, holder = keys
    return presentation_make(issuance=issue(issuer, holder, **issue_kwargs), disclosed=fields,
                             nonce=nonce, aud=AUD, holder_key=holder)


def _reference(keys, presentation, *, nonce="nonce-A"):
    def issuer_key(iss, header):
        assert iss == ISS and header["kid"] == "issuer-1"
        return keys[0]
    return SDJWTVerifier(presentation, issuer_key, expected_aud=AUD, expected_nonce=nonce).get_verified_payload()


def test_reference_verifier_accepts_our_presentation_with_key_binding(keys):
    payload = _reference(keys, _present(keys))
    assert payload["iss"] == ISS and payload["cnf"]["jwk"]["crv"] == "P-256"


def test_reference_verifier_sees_exactly_the_two_disclosed_of_eight(keys):
    payload = _reference(keys, _present(keys))
    assert {k: v for k, v in payload.items() if k in DATA_CLAIMS} == {
        "legal_person": "王小明", "address": "杭州市西湖区文三路 90 号"}


def test_reference_verifier_refuses_wrong_nonce_and_so_do_we(keys):
    presentation = _present(keys, nonce="nonce-A")
    with pytest.raises(ValueError, match="nonce"):
        _reference(keys, presentation, nonce="nonce-B")
    ours = vc_verify(presentation, jwks=jwks_of(keys[0]), nonce="nonce-B", aud=AUD)
    assert ours.reason is Reason.WRONG_NONCE


def test_reference_verifier_refuses_a_tampered_issuer_jwt_and_so_do_we(keys):
    parts = split(_present(keys))
    header, payload, signature = parts.issuer_jwt.split(".")
    flipped = signature[:-2] + ("AA" if signature[-2:] != "AA" else "BB")
    tampered = "~".join([f"{header}.{payload}.{flipped}", *parts.disclosures, parts.kb_jwt])
    with pytest.raises(JWException):
        _reference(keys, tampered)
    assert vc_verify(tampered, jwks=jwks_of(keys[0]), nonce="nonce-A", aud=AUD).reason is Reason.TAMPERED


def test_reference_verifier_refuses_a_tampered_kb_jwt_and_so_do_we(keys):
    parts = split(_present(keys))
    other = split(_present(keys, nonce="nonce-B"))  # a KB-JWT signed over another nonce
    header, _payload, signature = parts.kb_jwt.split(".")
    spliced = "~".join([parts.issuer_jwt, *parts.disclosures, f"{header}.{other.kb_jwt.split('.')[1]}.{signature}"])
    with pytest.raises(JWException):
        _reference(keys, spliced)
    result = vc_verify(spliced, jwks=jwks_of(keys[0]), nonce="nonce-A", aud=AUD)
    assert result.reason is Reason.HOLDER_BINDING_FAILED


def test_expired_passes_the_reference_verifier_but_not_ours(keys):
    presentation = _present(keys, exp=int(time.time()) - 60)
    assert _reference(keys, presentation)["exp"] < time.time()  # the library does not check exp
    result = vc_verify(presentation, jwks=jwks_of(keys[0]), nonce="nonce-A", aud=AUD)
    assert result.reason is Reason.EXPIRED


def test_revoked_passes_the_reference_verifier_but_not_ours(keys):
    presentation = _present(keys)
    assert _reference(keys, presentation)["status"]["status_list"]["idx"] == 3  # no status check there
    result = vc_verify(presentation, jwks=jwks_of(keys[0]), status_lists=status_lists(revoked=3),
                       nonce="nonce-A", aud=AUD)
    assert result.reason is Reason.REVOKED


def _disclosure(name, value, salt="c2FsdA"):
    return base64.urlsafe_b64encode(json.dumps([salt, name, value]).encode()).rstrip(b"=").decode()


def _kb_jwt(holder, over: str, nonce="nonce-A") -> str:
    kb = JWS(json.dumps({"nonce": nonce, "aud": AUD, "iat": int(time.time()), "sd_hash": b64hash(over)}))
    kb.add_signature(holder, alg="ES256", protected=json.dumps({"alg": "ES256", "typ": "kb+jwt"}))
    return kb.serialize(compact=True)


def test_a_disclosure_the_issuer_never_signed_is_dropped_by_the_reference_and_refused_by_us(keys):
    issuer, holder = keys
    # The real holder adds a made-up field and signs the KB-JWT over it: only the issuer's
    # digests can tell. The reference verifier silently leaves the field out; we refuse.
    issuer_jwt = split(issue(issuer, holder)).issuer_jwt
    over = "~".join([issuer_jwt, _disclosure("legal_person", "李四"), ""])
    presentation = over + _kb_jwt(holder, over)
    assert "legal_person" not in _reference(keys, presentation)
    assert vc_verify(presentation, jwks=jwks_of(issuer), nonce="nonce-A", aud=AUD).reason is Reason.TAMPERED

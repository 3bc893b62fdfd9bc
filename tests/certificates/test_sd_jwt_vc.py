"""An SD-JWT VC we issue verifies with the sd-jwt reference library's own verifier."""

import base64
import json

import pytest
from jwcrypto.jwk import JWK
from jwcrypto.jws import InvalidJWSSignature
from sd_jwt.holder import SDJWTHolder
from sd_jwt.verifier import SDJWTVerifier

from onevisit.certificates.sd_jwt_vc import vc_issue

ISS = "https://onevisit.example/issuers/DEMO-HEALTH"
DATA = {"name": "王小明", "sex": "男", "birth_date": "2026-05-01", "mother_name": "李红"}


@pytest.fixture
def key():
    return JWK.generate(kty="EC", crv="P-256", kid="k1")


def _issue(key):
    return vc_issue(key=key, kid="k1", iss=ISS, vct="urn:onevisit:cert:CSYXZM",
                    iat=1_790_000_000, exp=2_100_000_000, data=DATA)


def _verify(presentation, key):
    public = JWK.from_json(key.export_public())
    return SDJWTVerifier(presentation, lambda iss, header: public).get_verified_payload()


def _present(issuance, fields):
    holder = SDJWTHolder(issuance)
    holder.create_presentation({name: True for name in fields})
    return holder.sd_jwt_presentation


def test_reference_verifier_shows_exactly_the_two_disclosed_fields(key):
    payload = _verify(_present(_issue(key), ["name", "birth_date"]), key)
    assert {k: payload[k] for k in DATA if k in payload} == {"name": "王小明", "birth_date": "2026-05-01"}
    assert payload["iss"] == ISS and payload["vct"] == "urn:onevisit:cert:CSYXZM"


def test_header_declares_the_vc_type_and_key(key):
    header = _issue(key).split(".")[0]
    decoded = json.loads(base64.urlsafe_b64decode(header + "=" * (-len(header) % 4)))
    assert decoded["typ"] == "vc+sd-jwt" and decoded["kid"] == "k1" and decoded["alg"] == "ES256"


def test_tampered_signature_is_refused(key):
    presentation = _present(_issue(key), ["name"])
    jwt, rest = presentation.split("~", 1)
    head, body, signature = jwt.split(".")
    flipped = ("A" if signature[5] != "A" else "B")
    tampered = f"{head}.{body}.{signature[:5]}{flipped}{signature[6:]}~{rest}"
    with pytest.raises(InvalidJWSSignature):
        _verify(tampered, key)


def test_tampered_disclosure_is_refused(key):
    presentation = _present(_issue(key), ["name"])
    jwt, disclosure, tail = presentation.split("~", 2)
    forged = disclosure[:-2] + ("AA" if not disclosure.endswith("AA") else "BB")
    with pytest.raises(ValueError, match="[Dd]isclosure|[Dd]igest|[Uu]nknown|[Dd]ecode|[Ii]nvalid"):
        _verify(f"{jwt}~{forged}~{tail}", key)

"""A certificate of eight fields issued to a holder key, for the protocol tests."""

import json
import time

from jwcrypto.jwk import JWK, JWKSet

from onevisit.certificates.sd_jwt_vc import vc_issue
from onevisit.certificates.status_list import status_list_encode

ISS = "https://onevisit.example/.well-known/onevisit/issuers/330100-AMR"
STATUS_URI = ISS + "/status/1"
AUD = "https://onevisit.example/verify/"
EIGHT_FIELDS = {
    "name": "杭州西湖小馆餐饮有限公司", "uscc": "91330106MA2B3C4D5E", "legal_person": "王小明",
    "type": "有限责任公司", "registered_capital": "50万元", "established": "2026-05-01",
    "address": "杭州市西湖区文三路 90 号", "scope": "餐饮服务",
}


def new_key(kid: str) -> JWK:
    return JWK.generate(kty="EC", crv="P-256", kid=kid)


def public_jwk(key: JWK) -> dict:
    return json.loads(key.export_public())


def jwks_of(*keys: JWK) -> dict:
    keyset = JWKSet()
    for key in keys:
        keyset.add(JWK.from_json(key.export_public()))
    return {ISS: keyset.export(private_keys=False, as_dict=True)}


def issue(issuer_key: JWK, holder_key: JWK, *, exp: int | None = None, idx: int = 3) -> str:
    now = int(time.time())
    return vc_issue(
        key=issuer_key, kid=issuer_key["kid"], iss=ISS, vct="urn:onevisit:cert:YYZZ", iat=now,
        exp=exp if exp is not None else now + 3600, data=EIGHT_FIELDS,
        registered={"cnf": {"jwk": public_jwk(holder_key)},
                    "status": {"status_list": {"idx": idx, "uri": STATUS_URI}}},
    )


def status_lists(*, revoked: int | None = None, suspended: int | None = None) -> dict:
    statuses = [0] * 16
    if revoked is not None:
        statuses[revoked] = 1
    if suspended is not None:
        statuses[suspended] = 2
    return {STATUS_URI: status_list_encode(statuses)}

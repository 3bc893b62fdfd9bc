"""E-certificate presentations: making and verifying one (key binding included), their size and QR.

Pure protocol, no database: the verifier's own cost per presentation before any HTTP or status
list read. Also how long encoding a status list of 100,000 certificates takes, which the online
verifier does per check from the issuing department's rows.
"""

import json
import time

import segno
from jwcrypto.jwk import JWK, JWKSet

from onevisit.certificates.presentation import presentation_make
from onevisit.certificates.sd_jwt_vc import vc_issue
from onevisit.certificates.status_list import status_list_encode
from onevisit.certificates.verification import vc_verify

NAME = "presentations"
DESCRIPTION = "SD-JWT presentations with KB-JWT: made and verified per second, bytes, QR version"
ISS = "https://onevisit.example/.well-known/onevisit/issuers/330100-AMR"
URI = ISS + "/status-list"
FIELDS = {
    "name": "杭州西湖小馆餐饮有限公司", "uscc": "91330106MA2B3C4D5E", "legal_person": "王小明",
    "company_type": "有限责任公司", "registered_capital": "50万元", "established_on": "2026-05-01",
    "address": "杭州市西湖区文三路 90 号", "business_scope": "餐饮服务",
}


def run(ctx) -> dict:
    n = 100 if ctx.quick else 1000
    issuer = JWK.generate(kty="EC", crv="P-256", kid="k1")
    holder = JWK.generate(kty="EC", crv="P-256")
    keyset = JWKSet()
    keyset.add(JWK.from_json(issuer.export_public()))
    jwks = {ISS: keyset.export(private_keys=False, as_dict=True)}
    now = int(time.time())
    issuance = vc_issue(key=issuer, kid="k1", iss=ISS, vct="urn:onevisit:certificate:business_licence", iat=now,
                        exp=now + 86400, data=FIELDS,
                        registered={"cnf": {"jwk": json.loads(holder.export_public())},
                                    "status": {"status_list": {"idx": 7, "uri": URI}}})
    lists = {URI: status_list_encode([0] * 1000)}

    started = time.perf_counter()
    made = [presentation_make(issuance=issuance, disclosed=["name", "legal_person"], nonce=f"n{i}", aud="v",
                              holder_key=holder) for i in range(n)]
    make_s = time.perf_counter() - started
    started = time.perf_counter()
    for i, presentation in enumerate(made):
        assert vc_verify(presentation, jwks=jwks, status_lists=lists, nonce=f"n{i}", aud="v").valid
    verify_s = time.perf_counter() - started

    every = presentation_make(issuance=issuance, disclosed=list(FIELDS), nonce="n", aud="v", holder_key=holder)
    started = time.perf_counter()
    status_list_encode([i % 3 == 0 for i in range(100_000)])
    encode_ms = (time.perf_counter() - started) * 1000
    return {
        "n": n,
        "make_per_s": round(n / make_s),
        "verify_per_s": round(n / verify_s),
        "bytes_2_of_8": len(made[0]),
        "bytes_8_of_8": len(every),
        "qr_version_2_of_8": segno.make(made[0], error="l", micro=False).version,
        "qr_version_8_of_8": segno.make(every, error="l", micro=False).version,
        "status_list_encode_100k_ms": round(encode_ms, 1),
    }

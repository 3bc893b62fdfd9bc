"""Token Status List packing follows draft-ietf-oauth-status-list."""

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st
from jwcrypto.jwk import JWK
from jwcrypto.jwt import JWT

from onevisit.certificates.status_list import (
    status_at,
    status_list_decode,
    status_list_encode,
    status_list_token,
)


def test_one_bit_example_from_the_draft():
    # The draft's 1-bit example: 16 entries, bytes 0xB9 0xA3.
    statuses = [1, 0, 0, 1, 1, 1, 0, 1, 1, 1, 0, 0, 0, 1, 0, 1]
    assert status_list_decode(status_list_encode(statuses, bits=1)) == bytes([0xB9, 0xA3])


def test_two_bit_example_from_the_draft():
    # The draft's 2-bit example: 12 entries, bytes 0xC9 0x44 0xF9.
    statuses = [1, 2, 0, 3, 0, 1, 0, 1, 1, 2, 3, 3]
    assert status_list_decode(status_list_encode(statuses)) == bytes([0xC9, 0x44, 0xF9])


def test_status_that_does_not_fit_is_refused():
    with pytest.raises(ValueError):
        status_list_encode([2], bits=1)


@given(st.lists(st.integers(min_value=0, max_value=3), min_size=1, max_size=300))
def test_every_status_reads_back(statuses):
    packed = status_list_decode(status_list_encode(statuses))
    assert [status_at(packed, i) for i in range(len(statuses))] == statuses


def test_signed_list_is_a_statuslist_jwt_that_verifies():
    key = JWK.generate(kty="EC", crv="P-256", kid="k1")
    token = status_list_token(key=key, kid="k1", uri="https://x.example/status/1",
                              statuses=[0, 1, 2], iat=1_790_000_000, ttl=300)
    checked = JWT(jwt=token, key=JWK.from_json(key.export_public()))
    assert json.loads(checked.header)["typ"] == "statuslist+jwt"
    claims = json.loads(checked.claims)
    packed = status_list_decode(claims["status_list"]["lst"])
    assert [status_at(packed, i) for i in range(3)] == [0, 1, 2] and claims["ttl"] == 300

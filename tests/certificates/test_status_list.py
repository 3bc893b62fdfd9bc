"""Token Status List packing follows draft-ietf-oauth-status-list."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from onevisit.certificates.status_list import (
    status_at,
    status_list_decode,
    status_list_encode,
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

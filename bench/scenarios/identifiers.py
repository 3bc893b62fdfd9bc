"""Resident ID and USCC validation throughput: every API call and import row validates these."""

import time

from onevisit.core.identifiers import (
    normalize_resident_id,
    normalize_uscc,
    resident_id_check_character,
)

NAME = "identifiers"
DESCRIPTION = "resident ID (GB 11643) and USCC (GB 32100) validations per second"


def run(ctx) -> dict:
    n = 20_000 if ctx.quick else 200_000
    ids = []
    for i in range(n):
        first17 = f"330106{1950 + i % 60}{1 + i % 12:02d}{1 + i % 28:02d}{i % 1000:03d}"
        ids.append(first17 + resident_id_check_character(first17))
    started = time.perf_counter()
    for number in ids:
        normalize_resident_id(number)
    id_seconds = time.perf_counter() - started
    started = time.perf_counter()
    for _ in range(n):
        normalize_uscc("91350100M000100Y43")
    uscc_seconds = time.perf_counter() - started
    return {
        "n": n,
        "resident_id_per_s": round(n / id_seconds),
        "uscc_per_s": round(n / uscc_seconds),
    }

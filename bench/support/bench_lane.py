"""The bare baseline of `bench/scenarios/exchange.py`: `POST /bench/bare/fetch`, served by the same
exchange lane as the governed `POST /api/v1/exchange/fetch` (same server, token authentication,
body schema, provider transport and connection upkeep), but with no grant check, no field
filtering, no masking, no evidence hashing and no access log. The difference between the two is
what governance costs.

Only `bench_settings` names these routes (ONEVISIT_EXCHANGE_LANE_ROUTES) and only the benchmark
puts this directory on PYTHONPATH: the shipped project never serves an ungoverned lookup.
"""

from onevisit.exchange.api import FetchIn
from onevisit.exchange.lane import parse_body
from onevisit.exchange.providers import get_provider
from onevisit.registries.contract import Query


def bare_fetch(environ, user):
    payload = parse_body(environ, FetchIn)
    registry = payload.item.split(".", 1)[0]
    result = get_provider(registry).query(
        Query(item=payload.item, subject=payload.subject, fields=tuple(payload.fields or ())), timeout=3.0)
    return 200, {"records": [{"record_id": str(r.record_id), "source": r.source, "version": r.version,
                              "updated_at": r.updated_at.isoformat(), "data": r.data} for r in result.records]}


ROUTES = {"/bench/bare/fetch": bare_fetch}

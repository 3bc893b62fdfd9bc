"""The project's URLs plus `POST /bench/bare/fetch`: the same lookup as the sharing gateway's
`POST /api/v1/exchange/fetch`, through the same server, middleware, django-ninja, token auth and
provider transport, but with no grant check, no masking, no evidence hashing and no access log.
The difference between the two is what governance costs."""

from django.urls import path
from ninja import NinjaAPI

from onevisit.api.auth import token_auth
from onevisit.exchange.api import FetchIn
from onevisit.exchange.providers import get_provider
from onevisit.registries.contract import Query
from onevisit.urls import urlpatterns as project_urlpatterns

bench_api = NinjaAPI(urls_namespace="bench", docs_url=None, openapi_url=None)


@bench_api.post("/bare/fetch", auth=token_auth)
def bare_fetch(request, payload: FetchIn):
    registry = payload.item.split(".", 1)[0]
    result = get_provider(registry).query(
        Query(item=payload.item, subject=payload.subject, fields=tuple(payload.fields or ())), timeout=3.0)
    return {"records": [{"record_id": str(r.record_id), "source": r.source, "version": r.version,
                         "updated_at": r.updated_at, "data": r.data} for r in result.records]}


@bench_api.get("/noop")
def noop(request):
    return {"ok": True}


urlpatterns = [path("bench/", bench_api.urls), *project_urlpatterns]

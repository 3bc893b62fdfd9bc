"""URLs of the registries' own provider APIs (see ``http_api``), mounted at ``/registries/``."""

from django.urls import path

from . import http_api

app_name = "registries_http"
urlpatterns = [
    path("<slug:code>/v1/items", http_api.items, name="items"),
    path("<slug:code>/v1/query", http_api.query, name="query"),
]

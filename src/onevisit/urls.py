from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from onevisit.api.api import api
from onevisit.core import views as core_views

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("readyz", core_views.readyz, name="readyz"),
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path(".well-known/onevisit/", include("onevisit.certificates.urls")),
    path("admin/", admin.site.urls),
    path("verify/", include("onevisit.certificates.verify_urls")),
    path("workbench/", include("onevisit.workbench.urls")),
    path("registries/", include("onevisit.registries.http_urls")),
    path("", include("onevisit.portal.urls")),
]

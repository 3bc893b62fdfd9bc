from django.urls import path

from onevisit.certificates import views

app_name = "certificates"

urlpatterns = [
    path("issuers.json", views.issuer_index, name="issuers"),
    path("issuers/<str:code>/jwks.json", views.jwks, name="jwks"),
    path("issuers/<str:code>/status-list", views.status_list, name="status_list"),
]

from django.urls import path

from onevisit.certificates import verify_views

app_name = "verify"

urlpatterns = [
    path("", verify_views.home, name="home"),
    path("requests/", verify_views.request_new, name="request_new"),
    path("r/<str:code>/", verify_views.request_detail, name="request"),
]

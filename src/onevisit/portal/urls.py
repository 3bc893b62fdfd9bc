from django.urls import path

from onevisit.portal import catalogue_views, correction_views, views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("services/", catalogue_views.service_list, name="service_list"),
    path("services/<str:code>/", catalogue_views.matter_guide, name="matter_guide"),
    path("life-events/", catalogue_views.life_events, name="life_events"),
    path("life-events/<str:code>/", catalogue_views.bundle_guide, name="bundle_guide"),
    path("login/", views.login, name="login"),
    path("login/verify/", views.login_verify, name="login_verify"),
    path("logout/", views.logout, name="logout"),
    path("my/", views.my, name="my"),
    path("my/data-usage/", views.data_usage, name="data_usage"),
    path("my/data-usage/report/", correction_views.data_error_new, name="data_error_new"),
]

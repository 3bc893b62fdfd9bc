from django.urls import path

from onevisit.portal import correction_views, views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("login/", views.login, name="login"),
    path("login/verify/", views.login_verify, name="login_verify"),
    path("logout/", views.logout, name="logout"),
    path("my/", views.my, name="my"),
    path("my/data-usage/", views.data_usage, name="data_usage"),
    path("my/data-usage/report/", correction_views.data_error_new, name="data_error_new"),
]

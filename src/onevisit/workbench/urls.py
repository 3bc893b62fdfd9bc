from django.urls import path

from onevisit.workbench import views

app_name = "workbench"
urlpatterns = [
    path("", views.home, name="home"),
    path("login/", views.login, name="login"),
    path("login/totp/", views.login_totp, name="login_totp"),
    path("logout/", views.logout, name="logout"),
    path("security/totp/", views.totp_setup, name="totp_setup"),
]

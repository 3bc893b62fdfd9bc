from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "onevisit.api"
    label = "api"

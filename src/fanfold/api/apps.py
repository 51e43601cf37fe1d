"""The api app: REST endpoints, access tokens and archivist imports."""

from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "fanfold.api"

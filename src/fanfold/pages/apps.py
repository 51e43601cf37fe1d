"""The top layer: pages that draw on many apps, so that no app below has to import another above it."""

from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "fanfold.pages"

"""The opds app: navigation and acquisition feeds and an OpenSearch description."""

from django.apps import AppConfig


class OpdsConfig(AppConfig):
    name = "fanfold.opds"

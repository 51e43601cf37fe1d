"""Demo content: an original, all-ages archive to explore after `make run`."""

from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "fanfold.demo"

"""Imports: AO3 downloads, e-books, HTML and text files turned into works, in bulk and safely."""

from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "fanfold.imports"

"""Gifts: works given to users or to plain names, which recipients may refuse."""

from django.apps import AppConfig


class GiftsConfig(AppConfig):
    name = "fanfold.gifts"

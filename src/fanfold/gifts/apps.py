"""Gifts: works given to users or to plain names, which recipients may refuse."""

from django.apps import AppConfig


class GiftsConfig(AppConfig):
    name = "fanfold.gifts"

    def ready(self) -> None:
        from fanfold.gifts import signals  # noqa: F401 - announces gift changes
        from fanfold.gifts.giving import recipient_links
        from fanfold.works.preface import register_preface_links

        register_preface_links("recipients", recipient_links)

"""Gifts: works given to users or to plain names, which recipients may refuse."""

from django.apps import AppConfig


class GiftsConfig(AppConfig):
    name = "fanfold.gifts"

    def ready(self) -> None:
        from fanfold.accounts.export import register_export_file
        from fanfold.gifts import signals  # noqa: F401 - announces gift changes
        from fanfold.gifts.export import gifts_of
        from fanfold.gifts.giving import recipient_links
        from fanfold.gifts.workform import GiftsPart
        from fanfold.works.forms import register_work_form_part
        from fanfold.works.preface import register_preface_links

        register_work_form_part(GiftsPart())
        register_preface_links("recipients", recipient_links)
        register_export_file("gifts.json", gifts_of)

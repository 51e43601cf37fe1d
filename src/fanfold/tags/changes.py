"""Announcing wrangling from the model layer, so no wrangling path can forget to.

Works filter by what their tags filter as: a tag made canonical or a synonym, a synonym
moved to another canonical, a meta tag added or removed all change which works a filter
finds. Every save of an existing tag, every queryset `update()` of tags and every saved or
deleted meta tagging is announced through `tags_rewrangled`, admin included; the filter
index re-derives the works' filter tags after the commit (search.signals).
"""

from collections.abc import Iterable

from django.dispatch import Signal

# Sent with tag_ids (a set of ints): works tagged with these tags, their synonyms or their
# sub tags may filter differently now.
tags_rewrangled = Signal()


def announce_rewrangled(tag_ids: Iterable[int]) -> None:
    ids = {int(tag_id) for tag_id in tag_ids if tag_id is not None}
    if ids:
        tags_rewrangled.send(sender=None, tag_ids=ids)

"""Template helpers the archive's templates share."""

from django import template

register = template.Library()


@register.filter
def get_item(mapping, key: str):
    """`query|get_item:"bookmark_search[rec]"`: keys that are not valid template names."""
    return mapping.get(key, "")

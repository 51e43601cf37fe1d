"""Template helpers the archive's templates share."""

import datetime

from django import template
from django.utils import timezone
from django.utils.html import format_html

from fanfold.lib.dates import format_date
from fanfold.works.models import Work
from fanfold.works.symbols import Symbol, required_tag_symbols

register = template.Library()


@register.filter
def get_item(mapping, key: str):
    """`query|get_item:"bookmark_search[rec]"`: keys that are not valid template names."""
    return mapping.get(key, "")


@register.filter
def when(value: datetime.date | None, style: str = "date") -> str:
    """Every date on the site: `{{ work.updated_on|when }}` → <time datetime="ISO">09 Jul 2026</time>."""
    if not value:
        return ""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    shown = format_date(value, style)
    if style == "text":
        return shown
    return format_html('<time datetime="{}">{}</time>', value.isoformat(), shown)


@register.filter
def required_symbols(work: Work, hide_warnings: bool = False) -> list[Symbol]:
    """`work|required_symbols:hide_warnings`: the blurb's square of symbols."""
    return required_tag_symbols(work, hide_warnings)

"""Template helpers the archive's templates share."""

import datetime

from django import template
from django.utils import dateformat, timezone
from django.utils.html import format_html

register = template.Library()


@register.filter
def get_item(mapping, key: str):
    """`query|get_item:"bookmark_search[rec]"`: keys that are not valid template names."""
    return mapping.get(key, "")


# The site's one date format (docs/decisions.md): AO3's blurb date, "09 Jul 2026", with the
# time where it matters. "iso" keeps YYYY-MM-DD where readers' tools parse it (work meta,
# chapter index, series meta); "text" is for attributes, where no <time> element can go.
DATE_STYLES = {"date": "d M Y", "time": "d M Y, H:i", "iso": "Y-m-d", "text": "d M Y"}


@register.filter
def when(value: datetime.date | None, style: str = "date") -> str:
    """Every date on the site: `{{ work.updated_on|when }}` → <time datetime="ISO">09 Jul 2026</time>."""
    if not value:
        return ""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    shown = dateformat.format(value, DATE_STYLES[style])
    if style == "text":
        return shown
    return format_html('<time datetime="{}">{}</time>', value.isoformat(), shown)

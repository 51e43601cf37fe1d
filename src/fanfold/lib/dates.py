"""The site's one date format, for templates (the `when` filter) and for e-mails alike."""

import datetime

from django.utils import dateformat, timezone

# AO3's blurb date, "09 Jul 2026", with the time where it matters (docs/decisions.md). "iso"
# keeps YYYY-MM-DD where readers' tools parse it (work meta, chapter index, series meta);
# "text" is for attributes and plain text, where no <time> element can go. Month names follow
# the active language, times the active time zone.
DATE_STYLES = {"date": "d M Y", "time": "d M Y, H:i", "iso": "Y-m-d", "text": "d M Y"}


def format_date(value: datetime.date, style: str = "date") -> str:
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return dateformat.format(value, DATE_STYLES[style])

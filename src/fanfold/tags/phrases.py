"""A tag type's name inside a sentence, translated whole.

"fandom tags" is not `TagType.label` plus " tags": Spanish says "etiquetas de fandom", Arabic
puts the type after the noun and has six plural forms, so each type has its own phrase and its
own plural counts instead of an English type name pasted into a sentence.
"""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from fanfold.tags.models import TagType

_TAGS_OF_TYPE: dict[str, Promise] = {
    TagType.RATING: _("rating tags"),
    TagType.WARNING: _("archive warning tags"),
    TagType.CATEGORY: _("category tags"),
    TagType.FANDOM: _("fandom tags"),
    TagType.RELATIONSHIP: _("relationship tags"),
    TagType.CHARACTER: _("character tags"),
    TagType.FREEFORM: _("additional tags"),
    TagType.MEDIA: _("media tags"),
}

# ngettext_lazy with "count" picks the plural form when the message is %-formatted.
_COUNT_OF_TYPE: dict[str, Promise] = {
    TagType.RATING: ngettext_lazy("%(count)s rating tag", "%(count)s rating tags", "count"),
    TagType.WARNING: ngettext_lazy(
        "%(count)s archive warning tag", "%(count)s archive warning tags", "count"
    ),
    TagType.CATEGORY: ngettext_lazy("%(count)s category tag", "%(count)s category tags", "count"),
    TagType.FANDOM: ngettext_lazy("%(count)s fandom tag", "%(count)s fandom tags", "count"),
    TagType.RELATIONSHIP: ngettext_lazy(
        "%(count)s relationship tag", "%(count)s relationship tags", "count"
    ),
    TagType.CHARACTER: ngettext_lazy(
        "%(count)s character tag", "%(count)s character tags", "count"
    ),
    TagType.FREEFORM: ngettext_lazy(
        "%(count)s additional tag", "%(count)s additional tags", "count"
    ),
    TagType.MEDIA: ngettext_lazy("%(count)s media tag", "%(count)s media tags", "count"),
}


def tags_of_type(tag_type: str) -> str:
    """ "fandom tags", in the active language, to go inside a sentence."""
    return str(_TAGS_OF_TYPE[tag_type])


def count_of_tags(tag_type: str, count: int) -> str:
    """ "1 fandom tag", "3 fandom tags", with the active language's plural form for the count."""
    return _COUNT_OF_TYPE[tag_type] % {"count": count}

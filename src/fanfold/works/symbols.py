"""A blurb's square of required-tag symbols, as AO3 draws it: one short mark per box, the
full names kept as the box's title and as text for screen readers."""

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from fanfold.works.models import Work

# AO3's squares are images: a letter per rating, a mark per warning state and category, a
# tick or an ellipsis for completion. Ours are the same marks as text, the same in every language.
RATING_MARKS = {
    "General Audiences": "G",
    "Teen And Up Audiences": "T",
    "Mature": "M",
    "Explicit": "E",
    "Not Rated": "NR",
}
CATEGORY_MARKS = {
    "F/F": "♀♀",
    "F/M": "♀♂",
    "M/M": "♂♂",
    "Gen": "○",
    "Other": "◐",
}
MULTI_MARK = "✱"
NOT_WARNED = {"Choose Not To Use Archive Warnings"}
NO_WARNINGS = {"No Archive Warnings Apply"}


@dataclass(frozen=True)
class Symbol:
    kind: str  # the box's class: rating, warnings, category or iswip
    mark: str  # what the box shows
    title: str  # what the box means, in full


def required_tag_symbols(work: "Work", hide_warnings: bool = False) -> list[Symbol]:
    """The four boxes of `work`'s blurb: rating, warnings, category, completion."""
    return [
        _rating(work),
        _warnings(work, hide_warnings),
        _category(work),
        Symbol("iswip", "✓", _("Complete Work"))
        if work.complete
        else Symbol("iswip", "…", _("Work in Progress")),
    ]


def _rating(work: "Work") -> Symbol:
    name = work.rating.name if work.rating else "Not Rated"
    return Symbol("rating", RATING_MARKS.get(name, "NR"), name)


def _warnings(work: "Work", hide_warnings: bool) -> Symbol:
    if hide_warnings:
        return Symbol("warnings", "", _("Warnings hidden"))
    names = {tag.name for tag in work.warnings}
    if names == NO_WARNINGS:
        return Symbol("warnings", "", "No Archive Warnings Apply")
    # Choosing not to warn, even beside "no warnings", tells the reader nothing (AO3's rule);
    # a work without warnings (older imports) is read the same way.
    if names <= NOT_WARNED | NO_WARNINGS:
        return Symbol("warnings", "?", "Choose Not To Use Archive Warnings")
    return Symbol("warnings", "!", ", ".join(tag.name for tag in work.warnings))


def _category(work: "Work") -> Symbol:
    names = [tag.name for tag in work.categories]
    if not names:
        return Symbol("category", "", _("No category"))
    mark = CATEGORY_MARKS.get(names[0], MULTI_MARK) if len(names) == 1 else MULTI_MARK
    return Symbol("category", mark, ", ".join(names))

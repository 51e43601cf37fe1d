"""What a works filter asks for, independent of how it is answered."""

import datetime
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from fanfold.search.query import Node

# AO3's sort_column values, plus Fanfold's extra sorts.
SORT_COLUMNS = {
    "revised_at": _("Date Updated"),
    "created_at": _("Date Posted"),
    "last_chapter_at": _("Date of Last New Chapter"),
    "authors_to_sort_on": _("Creator"),
    "title_to_sort_on": _("Title"),
    "word_count": _("Word Count"),
    "hits": _("Hits"),
    "kudos_count": _("Kudos"),
    "comments_count": _("Comments"),
    "bookmarks_count": _("Bookmarks"),
    "kudos_hits_ratio": _("Kudos per Hit"),
    "words_per_chapter": _("Words per Chapter"),
    "_score": _("Best Match"),
}
TEXT_SORTS = {"authors_to_sort_on", "title_to_sort_on"}
FACET_TYPES = (
    "Rating",
    "ArchiveWarning",
    "Category",
    "Fandom",
    "Relationship",
    "Character",
    "Freeform",
)


@dataclass(frozen=True)
class Criteria:
    """A works filter. Tag ids are filter tags (canonical, meta tags included)."""

    include_tag_ids: frozenset[int] = frozenset()  # a work must carry every one
    rating_ids: frozenset[int] = frozenset()  # a work has one rating: any of these
    exclude_tag_ids: frozenset[int] = frozenset()  # a work may carry none of them
    crossover: bool | None = None  # None: both; True: only crossovers; False: none
    complete: bool | None = None
    single_chapter: bool = False
    words_from: int | None = None
    words_to: int | None = None
    date_from: datetime.date | None = None  # on the date the work was last updated
    date_to: datetime.date | None = None
    language: str | None = None
    text: Node | None = None  # a parsed query (search.query): any field, title, creators...
    within_work_ids: frozenset[int] | None = None  # a user's works, a series...
    exclude_work_ids: frozenset[int] = frozenset()  # e.g. the works a reader has finished
    sort: str = "revised_at"
    descending: bool = True
    matches_nothing: bool = False  # a named tag that does not exist


@dataclass(frozen=True)
class Audience:
    """What the viewer may see, as the index understands it (see works.visibility)."""

    signed_in: bool = False
    admin: bool = False
    own_work_ids: frozenset[int] = frozenset()  # hidden or unrevealed works the viewer created


@dataclass
class SearchResult:
    work_ids: list[int]
    total: int
    facets: dict[str, list[tuple[int, int]]] = field(default_factory=dict)

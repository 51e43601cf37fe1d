"""The numbers the filter index keeps for each work, declared once.

The index's columns and sorts (search.index), each WorkRow's numbers, the Work fields they are
read from (search.source) and the SQL reference's sorts and filters (search.sql) are all built
from INDEXED_NUMBERS. A new number to sort or filter works by is one line here plus its Work
field; a new filter also needs its Criteria attribute and AO3 parameter (search.criteria,
search.params). Language (a code per distinct value), visibility and text are kept apart.
"""

import datetime
from dataclasses import dataclass

import numpy as np

EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


@dataclass(frozen=True)
class IndexedNumber:
    name: str  # the index's column, and the key in WorkRow.numbers
    field: str  # the Work field it is read from
    dtype: type  # the column's numpy type
    sort: str = ""  # the work_search[sort_column] that orders by it
    equals: str = ""  # a Criteria attribute: when not None, keep works whose value equals it
    at_least: str = ""  # a Criteria attribute: when not None, keep values >= it
    at_most: str = ""  # a Criteria attribute: when not None, keep values <= it


INDEXED_NUMBERS = (
    IndexedNumber("kudos", "kudos_count", np.int64, sort="kudos_count"),
    IndexedNumber("hits", "hit_count", np.int64, sort="hits"),
    IndexedNumber("comments", "comment_count", np.int64, sort="comments_count"),
    IndexedNumber("bookmarks", "bookmark_count", np.int64, sort="bookmarks_count"),
    IndexedNumber(
        "words",
        "word_count",
        np.int64,
        sort="word_count",
        at_least="words_from",
        at_most="words_to",
    ),
    IndexedNumber("chapters", "chapter_count", np.int32),
    IndexedNumber("expected", "expected_chapters", np.int32),  # 0 when unknown
    IndexedNumber("revised", "revised_at", np.int64, sort="revised_at"),  # microseconds
    IndexedNumber("published", "published_on", np.int32, sort="created_at"),  # day ordinal
    IndexedNumber("updated", "updated_on", np.int32, sort="last_chapter_at"),
    IndexedNumber("complete", "complete", np.bool_, equals="complete"),
    IndexedNumber("crossover", "crossover", np.bool_, equals="crossover"),
)


def microseconds(moment: datetime.datetime) -> int:
    """Exact integer time, so ties sort the same way as in the database."""
    return (moment - EPOCH) // datetime.timedelta(microseconds=1)


def as_number(value: object) -> int:
    """A Work field's value as the index stores it: times in microseconds since the epoch,
    days as proleptic ordinals, nothing as 0."""
    if value is None:
        return 0
    if isinstance(value, datetime.datetime):
        return microseconds(value)
    if isinstance(value, datetime.date):
        return value.toordinal()
    assert isinstance(value, int)  # counts and flags (bool is an int)
    return value

"""Works search against a reference written here: hypothesis draws the archive and the queries.

Each example stores a small archive drawn by hypothesis (titles, summaries, notes, series,
creators, anonymous, restricted, hidden and unrevealed works, a synonym tag, counts, dates),
builds the index from it (at once, or one work at a time through the change path), and asks
queries in AO3's query language that this file writes out itself. The reference reads the
archive back with plain SQL and answers with its own tokeniser, visibility rule, sort keys and
facet counts; it imports nothing from fanfold but the models it stores through. Ids (in order,
except for "best match"), totals and facets must be equal.

A few examples run in `make test`; FANFOLD_SEARCH_EXAMPLES=200 runs more.
"""

import datetime
import html
import os
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from fractions import Fraction

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fanfold.accounts.models import Pseud
from fanfold.search.audience import audience_for
from fanfold.search.criteria import Criteria
from fanfold.search.index import FilterIndex
from fanfold.search.query import parse_query
from fanfold.search.registry import apply_changes, build_index
from fanfold.series.models import Series, SeriesWork
from fanfold.tags.models import Tag, TagType
from fanfold.works.chapters import add_chapter
from fanfold.works.models import Chapter, Work
from tests.factories import UserFactory, WorkFactory

EXAMPLES = int(os.environ.get("FANFOLD_SEARCH_EXAMPLES", "4"))
PAGE = 4
# Small original vocabulary: case, accents, apostrophes, hyphens, digits, CJK.
TEXT_WORDS = ["lantern", "River", "Café", "don't", "mare-light", "字", "tea", "snow", "2020"]
SERIES_TITLES = ["Lantern Days", "The Long Snow"]
FREEFORMS = ["Fluff", "Soft Tea Evening", "Angst", "Snow Day"]
FANDOMS = ["Harbour Tales", "River Songs"]
RATINGS = ["General Audiences", "Mature", "Not Rated"]
# The archive's fixed facet types, in the order the search page shows them.
FACET_TYPES = [
    "Rating", "ArchiveWarning", "Category", "Fandom", "Relationship", "Character", "Freeform",
]  # fmt: skip
FACETS_SHOWN = 10
# Query words: as typed (any case, accents or not), words of tags and creators, and absent ones.
QUERY_WORDS = [
    "lantern", "LANTERN", "river", "cafe", "Café", "dont", "don't", "mare", "light", "字",
    "tea", "snow", "2020", "fluff", "soft", "evening", "angst", "harbour", "songs", "wren",
    "pim", "ash", "tree", "days", "long", "mature", "zebra",
]  # fmt: skip
TEXT_FIELDS = ["title", "creators", "summary", "notes", "series", "tags", "freeforms", "fandoms"]
COUNT_FIELDS = {
    "words": "word_count",
    "kudos": "kudos_count",
    "hits": "hit_count",
    "comments": "comment_count",
    "bookmarks": "bookmark_count",
    "chapters": "chapter_count",
}
SORTS = {  # AO3's sort parameter -> the column the reference orders by
    "revised_at": "revised_at",
    "created_at": "published_on",
    "last_chapter_at": "updated_on",
    "word_count": "word_count",
    "hits": "hit_count",
    "kudos_count": "kudos_count",
    "comments_count": "comment_count",
    "bookmarks_count": "bookmark_count",
    "kudos_hits_ratio": None,
    "words_per_chapter": None,
    "title_to_sort_on": None,
    "authors_to_sort_on": None,
    "_score": None,
}
DAY = datetime.date(2024, 5, 1)


# --- the reference's own reading of text ---------------------------------------------------


def reference_tokens(text: str) -> list[str]:
    """Lower case, accents and apostrophes dropped, CJK characters one word each."""
    text = html.unescape(re.sub(r"<[^>]*>", " ", text))
    found, current = [], ""
    for char in unicodedata.normalize("NFD", text.lower()):
        if unicodedata.category(char) == "Mn" or char in "'’":
            continue
        if "\u3040" <= char <= "\u30ff" or "\u4e00" <= char <= "\u9fff":
            found += [current, char] if current else [char]
            current = ""
        elif char.isalnum():
            current += char
        else:
            found += [current] if current else []
            current = ""
    return found + ([current] if current else [])


def reference_title_key(title: str) -> str:
    lowered = title.strip().lower()
    for article in ("the ", "a ", "an "):
        if lowered.startswith(article):
            return lowered[len(article) :].lstrip()
    return lowered


# --- queries, as this file writes them ------------------------------------------------------


@dataclass(frozen=True)
class Words:
    words: tuple[str, ...]  # several: a phrase
    field: str | None
    prefix: bool = False  # the last word is a prefix: `lant*`


@dataclass(frozen=True)
class CountIs:
    field: str
    low: int | None
    high: int | None


@dataclass(frozen=True)
class Negated:
    child: object


@dataclass(frozen=True)
class Both:
    children: tuple


@dataclass(frozen=True)
class Either:
    children: tuple


def written(query) -> str:
    if isinstance(query, Words):
        text = " ".join(query.words) + ("*" if query.prefix else "")
        text = f'"{text}"' if len(query.words) > 1 else text
        return f"{query.field}:{text}" if query.field else text
    if isinstance(query, CountIs):
        if query.low is not None and query.high is not None:
            return f"{query.field}:{query.low}-{query.high}"
        if query.low is not None:
            return f"{query.field}:>={query.low}"
        return f"{query.field}:<{query.high + 1}"
    if isinstance(query, Negated):
        return f"-({written(query.child)})"
    joiner = " OR " if isinstance(query, Either) else " AND "
    return "(" + joiner.join(written(child) for child in query.children) + ")"


def _words():
    single = st.sampled_from(QUERY_WORDS).map(lambda word: (word,))
    phrase = st.lists(
        st.sampled_from(["river", "lantern", "tea", "snow", "字"]), min_size=2, max_size=2
    )
    return st.one_of(single, single, phrase.map(tuple))


WORD_QUERIES = st.builds(
    Words,
    _words(),
    st.one_of(st.none(), st.none(), st.sampled_from(TEXT_FIELDS)),
)
PREFIX_QUERIES = st.builds(
    lambda word, cut, field: Words((word[:cut],), field, prefix=True),
    st.sampled_from(["lantern", "river", "harbour", "evening", "fluff"]),
    st.integers(2, 5),
    st.one_of(st.none(), st.sampled_from(TEXT_FIELDS)),
)
COUNT_QUERIES = st.builds(
    lambda field, low, size: CountIs(field, *low_high(low, size)),
    st.sampled_from(sorted(COUNT_FIELDS)),
    st.one_of(st.none(), st.integers(0, 8)),
    st.integers(0, 8),
)


def low_high(low: int | None, size: int) -> tuple[int | None, int | None]:
    return (low, low + size) if low is not None else (None, size)


QUERIES = st.recursive(
    st.one_of(WORD_QUERIES, WORD_QUERIES, PREFIX_QUERIES, COUNT_QUERIES),
    lambda inner: st.one_of(
        inner.map(Negated),
        st.lists(inner, min_size=2, max_size=3).map(tuple).map(Both),
        st.lists(inner, min_size=2, max_size=3).map(tuple).map(Either),
    ),
    max_leaves=4,
).filter(lambda query: not isinstance(query, Negated))  # a query of only NOT is refused


# --- the archive, drawn by hypothesis -------------------------------------------------------


@dataclass(frozen=True)
class DrawnWork:
    title: str
    summary: str
    notes: str
    end_notes: str
    creators: tuple[int, ...]  # indexes into the cast's pseuds
    freeforms: tuple[str, ...]
    fandoms: tuple[str, ...]
    rating: str
    language: str
    chapters: int
    complete: bool
    restricted: bool
    hidden: bool
    anonymous: bool
    unrevealed: bool
    series: int | None
    counts: tuple[int, int, int, int]
    revised_hours: int
    published_days: int


def _text(min_size: int, max_size: int):
    return st.lists(st.sampled_from(TEXT_WORDS), min_size=min_size, max_size=max_size).map(" ".join)


DRAWN_WORKS = st.builds(
    DrawnWork,
    title=st.tuples(st.sampled_from(["", "The ", "A ", "an "]), _text(1, 3)).map("".join),
    summary=_text(0, 6).map(lambda text: f"<p>{html.escape(text)}</p>"),
    notes=_text(0, 3),
    end_notes=_text(0, 2),
    creators=st.lists(st.integers(0, 2), min_size=1, max_size=2, unique=True).map(tuple),
    freeforms=st.lists(st.sampled_from(FREEFORMS), max_size=2, unique=True).map(tuple),
    fandoms=st.lists(st.sampled_from(FANDOMS), min_size=1, max_size=2, unique=True).map(tuple),
    rating=st.sampled_from(RATINGS),
    language=st.sampled_from(["en", "en", "fr"]),
    chapters=st.integers(1, 2),
    complete=st.booleans(),
    restricted=st.booleans(),
    hidden=st.integers(0, 5).map(lambda n: n == 0),
    anonymous=st.integers(0, 4).map(lambda n: n == 0),
    unrevealed=st.integers(0, 6).map(lambda n: n == 0),
    series=st.one_of(st.none(), st.none(), st.integers(0, 1)),
    counts=st.tuples(st.integers(0, 6), st.integers(0, 9), st.integers(0, 3), st.integers(0, 3)),
    revised_hours=st.integers(0, 96),
    published_days=st.integers(0, 5),
)


@dataclass
class Cast:
    pseuds: list[Pseud]
    viewers: dict


@pytest.fixture
def cast(db) -> Cast:
    wren, pim = UserFactory(username="wren"), UserFactory(username="pim")
    ash_tree = Pseud.objects.create(user=pim, name="Ash Tree")
    fluff = Tag.objects.create(name="Fluff", type=TagType.FREEFORM, canonical=True)
    Tag.objects.create(name="Soft Tea Evening", type=TagType.FREEFORM, merger=fluff)
    viewers = {
        "guest": AnonymousUser(),
        "reader": UserFactory(username="reader"),
        "creator": pim,
        "admin": UserFactory(username="site_admin", is_superuser=True, is_staff=True),
    }
    return Cast([wren.default_pseud, pim.default_pseud, ash_tree], viewers)


def store(drawn: list[DrawnWork], cast: Cast) -> None:
    Work.objects.all().delete()
    Series.objects.all().delete()
    series = [Series.objects.create(title=title) for title in SERIES_TITLES]
    for spec in drawn:
        pseuds = [cast.pseuds[n] for n in spec.creators]
        work = WorkFactory(
            author=pseuds[0].user,
            title=spec.title,
            summary=spec.summary,
            notes=spec.notes,
            end_notes=spec.end_notes,
            rating=spec.rating,
            fandoms=spec.fandoms,
            freeforms=spec.freeforms,
            language=spec.language,
            body="<p>" + " ".join(["word"] * (1 + spec.counts[1])) + "</p>",
            expected_chapters=spec.chapters if spec.complete else None,
        )
        work.creatorships.all().delete()
        for position, pseud in enumerate(pseuds, start=1):
            work.creatorships.create(pseud=pseud, position=position)
        if spec.chapters > 1:
            add_chapter(work, Chapter(body="<p>more words</p>"), post=True)
        if spec.series is not None:
            SeriesWork.objects.create(series=series[spec.series], work=work)
        Work.objects.filter(pk=work.pk).update(
            restricted=spec.restricted,
            hidden_by_admin=spec.hidden,
            anonymous=spec.anonymous,
            unrevealed=spec.unrevealed,
            kudos_count=spec.counts[0],
            hit_count=spec.counts[1],
            comment_count=spec.counts[2],
            bookmark_count=spec.counts[3],
            revised_at=datetime.datetime(2024, 5, 1, tzinfo=datetime.UTC)
            + datetime.timedelta(hours=spec.revised_hours),
            published_on=DAY + datetime.timedelta(days=spec.published_days),
            updated_on=DAY + datetime.timedelta(days=spec.published_days + spec.chapters),
        )


# --- the reference: plain SQL, then plain Python ---------------------------------------------


def rows(sql: str, *params) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


@dataclass
class ReferenceWork:
    id: int
    columns: dict
    fields: dict[str, list[list[str]]]  # field -> the token lists of its values
    filter_tags: set[int]
    author_key: str


WORK_COLUMNS = (
    "id", "title", "summary", "notes", "end_notes", *COUNT_FIELDS.values(), "restricted",
    "hidden_by_admin", "unrevealed", "anonymous", "complete", "language", "revised_at",
    "published_on", "updated_on",
)  # fmt: skip
SEARCHED_FIELDS = ("title", "creators", "summary", "notes", "series", "tags")


def read_archive() -> dict[int, ReferenceWork]:
    """Every posted work with its words per field, filter tags and creator sort key."""
    select = f"SELECT {', '.join(WORK_COLUMNS)} FROM works_work WHERE posted = %s"  # noqa: S608 - constant column names
    works = {}
    for row in rows(select, True):
        columns = dict(zip(WORK_COLUMNS, row, strict=True))
        fields = {field: [] for field in (*SEARCHED_FIELDS, "freeforms", "fandoms")}
        fields["title"] = [reference_tokens(columns["title"])]
        fields["summary"] = [reference_tokens(columns["summary"])]
        fields["notes"] = [
            reference_tokens(columns["notes"]),
            reference_tokens(columns["end_notes"]),
        ]
        works[columns["id"]] = ReferenceWork(columns["id"], columns, fields, set(), "")
    _read_creators(works)
    for work_id, title in rows(
        "SELECT m.work_id, s.title FROM series_serieswork m"
        " JOIN series_series s ON s.id = m.series_id"
    ):
        if work_id in works:
            works[work_id].fields["series"].append(reference_tokens(title))
    _read_tags(works)
    return works


def _read_creators(works: dict[int, ReferenceWork]) -> None:
    """Anonymous and unrevealed works are never found by creator; anonymous ones sort as ""."""
    credits = rows(
        "SELECT c.work_id, p.name, u.username FROM works_creatorship c"
        " JOIN accounts_pseud p ON p.id = c.pseud_id JOIN accounts_user u ON u.id = p.user_id"
        " ORDER BY c.work_id, c.position, c.id"
    )
    for work in works.values():
        names = [(pseud, login) for work_id, pseud, login in credits if work_id == work.id]
        if not (work.columns["anonymous"] or work.columns["unrevealed"]):
            for pseud, login in names:
                work.fields["creators"] += [reference_tokens(pseud), reference_tokens(login)]
        if not work.columns["anonymous"]:
            work.author_key = ", ".join(pseud for pseud, _ in names).lower()


def _read_tags(works: dict[int, ReferenceWork]) -> None:
    """A tag filters as its canonical tag; a work is found by the names of its canonical tags
    and all their synonyms."""
    tags = {tag_id: (name, kind, merger) for tag_id, name, kind, merger in rows(
        "SELECT id, name, type, merger_id FROM tags_tag"
    )}  # fmt: skip
    for work_id, tag_id in rows("SELECT work_id, tag_id FROM works_tagging"):
        if work_id not in works:
            continue
        canonical = tags[tag_id][2] or tag_id
        works[work_id].filter_tags.add(canonical)
        for other, (name, kind, merger) in tags.items():
            if canonical in (other, merger):
                works[work_id].fields["tags"].append(reference_tokens(name))
                typed = {"Freeform": "freeforms", "Fandom": "fandoms"}.get(kind)
                if typed:
                    works[work_id].fields[typed].append(reference_tokens(name))


def may_see(work: ReferenceWork, viewer: str, own: set[int]) -> bool:
    out_of_sight = work.columns["hidden_by_admin"] or work.columns["unrevealed"]
    return {
        "guest": not work.columns["restricted"] and not out_of_sight,
        "reader": not out_of_sight,
        "creator": not out_of_sight or work.id in own,
        "admin": True,
    }[viewer]


def has_words(values: list[list[str]], query: Words) -> bool:
    wanted = [token for word in query.words for token in reference_tokens(word)]
    for tokens in values:
        for start in range(len(tokens)):
            window = tokens[start : start + len(wanted)]
            if query.prefix and len(window) == len(wanted):
                if window[:-1] == wanted[:-1] and window[-1].startswith(wanted[-1]):
                    return True
            elif window == wanted:
                return True
    return False


def answers(work: ReferenceWork, query) -> bool:
    if isinstance(query, Words):
        fields = (query.field,) if query.field else SEARCHED_FIELDS
        return any(has_words(work.fields[field], query) for field in fields)
    if isinstance(query, CountIs):
        value = work.columns[COUNT_FIELDS[query.field]]
        return (query.low is None or value >= query.low) and (
            query.high is None or value <= query.high
        )
    if isinstance(query, Negated):
        return not answers(work, query.child)
    found = (answers(work, child) for child in query.children)
    return any(found) if isinstance(query, Either) else all(found)


def sort_key(work: ReferenceWork, sort: str):
    c = work.columns
    if sort == "kudos_hits_ratio":
        return Fraction(c["kudos_count"], max(c["hit_count"], 1))
    if sort == "words_per_chapter":
        return Fraction(c["word_count"], max(c["chapter_count"], 1))
    if sort == "title_to_sort_on":
        return reference_title_key(c["title"])
    if sort == "authors_to_sort_on":
        return work.author_key
    return c[SORTS[sort]] if sort != "_score" else 0


def reference_search(works, query, viewer, own, sort, descending, single_chapter, offset):
    found = [
        w
        for w in works.values()
        if may_see(w, viewer, own)
        and answers(w, query)
        and (not single_chapter or w.columns["chapter_count"] == 1)
    ]
    found.sort(key=lambda w: (sort_key(w, sort), w.id), reverse=descending)
    counts = Counter(tag for w in found for tag in w.filter_tags)
    types = dict(rows("SELECT id, type FROM tags_tag"))
    facets = {
        kind: [
            (tag, n)
            for n, tag in sorted((-n, tag) for tag, n in counts.items() if types[tag] == kind)
        ]
        for kind in FACET_TYPES
    }
    facets = {
        kind: [(tag, -n) for tag, n in ranked[:FACETS_SHOWN]] for kind, ranked in facets.items()
    }
    ids = [w.id for w in found]
    return ids, ids[offset : offset + PAGE], facets


# --- the property -----------------------------------------------------------------------------


def index_through_updates() -> FilterIndex:
    """An index that learnt of every work through the change path, not the bulk build."""
    index = FilterIndex([], {})
    apply_changes(index, set(Work.objects.values_list("id", flat=True)))
    return index


def test_search_answers_like_a_plain_sql_reference_on_drawn_archives(cast):
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(
        drawn=st.lists(DRAWN_WORKS, min_size=1, max_size=10),
        through_updates=st.booleans(),
        asked=st.lists(
            st.tuples(
                QUERIES,
                st.sampled_from(sorted(SORTS)),
                st.booleans(),
                st.sampled_from(sorted(cast.viewers)),
                st.integers(0, 2),
                st.integers(0, 5).map(lambda n: n == 0),
            ),
            min_size=1,
            max_size=8,
        ),
    )
    def check(drawn, through_updates, asked):
        store(drawn, cast)
        index = index_through_updates() if through_updates else build_index()
        works = read_archive()
        own = {
            work_id
            for (work_id,) in rows(
                "SELECT c.work_id FROM works_creatorship c JOIN accounts_pseud p ON p.id = c.pseud_id"
                " WHERE p.user_id = %s",
                cast.viewers["creator"].pk,
            )
        }
        for query, sort, descending, viewer, page, single_chapter in asked:
            text = written(query)
            criteria = Criteria(
                text=parse_query(text),
                sort=sort,
                descending=descending,
                single_chapter=single_chapter,
            )
            found = index.search(criteria, audience_for(cast.viewers[viewer]), page * PAGE, PAGE)
            every, expected, facets = reference_search(
                works, query, viewer, own, sort, descending, single_chapter, page * PAGE
            )
            context = f"{text!r} sorted by {sort} for {viewer}, single chapter: {single_chapter}"
            assert found.total == len(every), context
            assert found.facets == facets, context
            if sort == "_score":  # relevance is the index's own model: the same works, any order
                everything = index.search(criteria, audience_for(cast.viewers[viewer]), 0, 1000)
                assert sorted(everything.work_ids) == sorted(every), context
            else:
                assert found.work_ids == expected, context

    check()


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("Café don't", ["cafe", "dont"]),
        ("mare-light 2020", ["mare", "light", "2020"]),
        ("<p>字字 &amp; tea</p>", ["字", "字", "tea"]),
        ("Ash Tree", ["ash", "tree"]),
    ],
)
def test_the_reference_tokeniser_reads_the_vocabulary_as_ao3_does(text, tokens):
    assert reference_tokens(text) == tokens

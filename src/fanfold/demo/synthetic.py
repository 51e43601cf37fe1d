"""An AO3-shaped synthetic archive for scale tests and benchmarks: placeholder words only.

Distributions follow AO3's shape (docs/decisions.md, "Synthetic data"): Zipf-popular fandoms,
characters and relationships drawn within a work's fandoms, popular plus one-off
freeforms, AO3's rating split, mostly "No Archive Warnings Apply", 90 % English,
lognormal word counts and kudos, dates over 15 years, some synonyms and meta tags.
"""

import datetime
import itertools
import struct
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
from django.contrib.auth.hashers import make_password
from django.core.management.color import no_style
from django.db import connection, transaction
from django.utils import timezone

from fanfold.accounts.models import Preference, Pseud, User
from fanfold.search.models import FilterTagging
from fanfold.tags.models import CATEGORIES, RATINGS, WARNINGS, MetaTagging, Tag, TagType
from fanfold.works.models import Chapter, Creatorship, Tagging, Work

RATING_SHARES = {
    "General Audiences": 0.30,
    "Teen And Up Audiences": 0.31,
    "Mature": 0.16,
    "Explicit": 0.18,
    "Not Rated": 0.05,
}
OTHER_LANGUAGES = ["zh", "ru", "es", "fr", "de", "ja", "pt-BR", "ko", "it", "pl"]
WORDS = [
    "lantern",
    "river",
    "quiet",
    "letter",
    "harbour",
    "morning",
    "window",
    "garden",
    "autumn",
    "silver",
]
YEARS = 15
WORKS_PER_CHUNK = 200_000
# Summaries: common English words (an original list, no real text) and made-up words and
# names, drawn with Zipf frequencies as in prose, so searching them behaves like AO3's.
COMMON_WORDS = [
    "the",
    "and",
    "a",
    "to",
    "of",
    "in",
    "he",
    "she",
    "they",
    "was",
    "is",
    "it",
    "that",
    "with",
    "his",
    "her",
    "for",
    "on",
    "at",
    "as",
    "but",
    "not",
    "from",
    "this",
    "what",
    "when",
    "who",
    "one",
    "all",
    "after",
    "before",
    "never",
    "always",
    "only",
    "again",
    "still",
    "just",
    "into",
    "over",
    "back",
    "home",
    "time",
    "night",
    "day",
    "years",
    "world",
    "life",
    "heart",
    "love",
    "war",
    "family",
    "friends",
    "stranger",
    "secret",
    "letter",
    "ship",
    "city",
    "forest",
    "winter",
    "summer",
    "rain",
    "storm",
    "fire",
    "light",
    "dark",
    "blood",
    "king",
    "queen",
    "prince",
    "knight",
    "captain",
    "doctor",
    "team",
    "school",
    "coffee",
    "shop",
    "dragon",
    "magic",
    "soul",
    "dream",
    "finds",
    "learns",
    "meets",
    "returns",
    "falls",
    "leaves",
    "stays",
    "loses",
    "keeps",
    "tries",
    "needs",
    "wants",
    "knows",
    "first",
    "last",
    "new",
    "old",
    "long",
    "little",
    "lost",
    "broken",
    "quiet",
    "strange",
    "small",
    "hidden",
    "wild",
    "golden",
    "au",
    "modern",
    "fluff",
    "angst",
    "slow",
    "burn",
    "hurt",
    "comfort",
    "found",
    "canon",
    "divergence",
    "fix-it",
    "post",
    "chapter",
    "story",
    "work",
    "tags",
    "summary",
    "warnings",
    "later",
    "maybe",
    "probably",
    "everything",
    "nothing",
]
SYLLABLES = ("ka", "ri", "mo", "sen", "tal", "vi", "dor", "el", "qua", "an", "thi", "ber", "lo")


@dataclass
class Vocabulary:
    """Tag ids of every kind, which fandom each character or relationship belongs to, and the
    synonym and meta links, as arrays indexed by tag id so a chunk of works is tagged at once."""

    ratings: np.ndarray
    warnings: np.ndarray
    categories: np.ndarray
    fandoms: np.ndarray
    characters: "_Pools"  # per fandom index
    relationships: "_Pools"
    freeforms: np.ndarray
    synonyms: np.ndarray
    canonical: np.ndarray  # by tag id: its canonical tag (itself unless a synonym)
    meta: np.ndarray  # by tag id: its meta fandom, or -1
    is_fandom: np.ndarray  # by tag id


class _Pools:
    """Each fandom's characters (or relationships), popular first, as one array with offsets."""

    def __init__(self, ids: np.ndarray, owners: np.ndarray, groups: int) -> None:
        order = np.argsort(owners, kind="stable")
        self.values = ids[order]
        self.offsets = np.searchsorted(owners[order], np.arange(groups + 1))
        self.sizes = np.diff(self.offsets)

    def draw(self, rng: np.random.Generator, fandoms: np.ndarray, counts: np.ndarray):
        """`counts` members of each fandom's pool (at most the pool), popular ones likelier:
        the index of each draw (into `fandoms`) and the tag drawn."""
        counts = np.minimum(counts, self.sizes[fandoms])
        owner = np.repeat(np.arange(len(fandoms)), counts)
        picks = np.minimum(rng.geometric(0.3, size=len(owner)) - 1, self.sizes[fandoms[owner]] - 1)
        return owner, self.values[self.offsets[fandoms[owner]] + picks]


def zipf_weights(count: int, exponent: float, shift: float = 0.0) -> np.ndarray:
    weights = 1.0 / (np.arange(1, count + 1) + shift) ** exponent
    return weights / weights.sum()


class SyntheticWork(NamedTuple):
    """One works_work row as written: its fields are the table's columns, in this order."""

    id: int
    title: str
    summary: str
    notes: str
    end_notes: str
    language: str
    expected_chapters: int | None
    posted: bool
    restricted: bool
    anonymous: bool
    unrevealed: bool
    hidden_by_admin: bool
    comment_permission: str
    moderated_comments: bool
    published_on: datetime.date
    updated_on: datetime.date
    complete: bool
    revised_at: datetime.datetime
    crossover: bool
    word_count: int
    chapter_count: int
    kudos_count: int
    hit_count: int
    comment_count: int
    bookmark_count: int
    created_at: datetime.datetime
    modified_at: datetime.datetime
    source_url: str
    imported_creators: str
    stated_word_count: int | None
    import_hash: str


CHAPTER_COLUMNS = [
    "id", "work_id", "position", "title", "summary", "notes", "end_notes", "body", "word_count",
    "posted", "published_on", "created_at", "modified_at",
]  # fmt: skip
TAG_COLUMNS = ["id", "name", "type", "canonical", "merger_id", "created_at"]


class Synthesizer:
    def __init__(self, works: int, seed: int, progress: Callable[[str], None]) -> None:
        self.works = works
        self.rng = np.random.default_rng(seed)
        self.progress = progress
        scale = max(works / 1_000_000, 0.002)
        self.fandom_count = max(20, int(30_000 * scale))
        self.character_count = max(60, int(150_000 * scale))
        self.relationship_count = max(60, int(200_000 * scale))
        self.freeform_count = max(60, int(300_000 * scale))
        self.user_count = max(10, works // 10)

    def _skip_foreign_key_checks(self) -> None:
        """PostgreSQL checks Django's deferred foreign keys one row at a time at COMMIT: for a
        million works that COMMIT alone took over five minutes. The rows written here are
        consistent by construction, so a superuser skips those checks for this transaction."""
        if connection.vendor != "postgresql":
            return
        with connection.cursor() as cursor:
            cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
            if cursor.fetchone()[0]:
                cursor.execute("SET LOCAL session_replication_role = replica")
            else:
                self.progress("not a superuser: foreign keys are checked at COMMIT (slow)")

    # --- ids ------------------------------------------------------------------------

    def _next_ids(self, model, count: int) -> np.ndarray:
        last = model.objects.order_by("-id").values_list("id", flat=True).first() or 0
        return np.arange(last + 1, last + 1 + count, dtype=np.int64)

    # --- vocabulary -----------------------------------------------------------------

    def _tags(self, tag_type: str, count: int, prefix: str) -> np.ndarray:
        ids = self._next_ids(Tag, count)
        now = timezone.now()
        rows = ((int(i), f"{prefix} {int(i)}", tag_type, True, None, now) for i in ids)
        write_rows(Tag, TAG_COLUMNS, rows)
        self.progress(f"{count:,} {tag_type} tags written")
        return ids

    def vocabulary(self) -> Vocabulary:
        fixed = {
            t: dict(Tag.objects.filter(type=t).values_list("name", "id"))
            for t in (TagType.RATING, TagType.WARNING, TagType.CATEGORY)
        }
        fandoms = self._tags(TagType.FANDOM, self.fandom_count, "Synthetic Fandom")
        characters = self._tags(TagType.CHARACTER, self.character_count, "Synthetic Character")
        relationships = self._tags(
            TagType.RELATIONSHIP, self.relationship_count, "Synthetic Relationship"
        )
        freeforms = self._tags(TagType.FREEFORM, self.freeform_count, "Synthetic Freeform")
        fandom_weights = zipf_weights(len(fandoms), 1.1)
        owner_of_character = self.rng.choice(len(fandoms), size=len(characters), p=fandom_weights)
        owner_of_relationship = self.rng.choice(
            len(fandoms), size=len(relationships), p=fandom_weights
        )
        synonyms, canonicals = self._synonyms(freeforms[:200])
        metas, subs = self._meta_fandoms(fandoms)
        size = int(synonyms[-1]) + 1  # the newest tags
        canonical = np.arange(size, dtype=np.int64)
        canonical[synonyms] = canonicals
        meta = np.full(size, -1, dtype=np.int64)
        meta[subs] = metas
        is_fandom = np.zeros(size, dtype=bool)
        is_fandom[fandoms] = True
        return Vocabulary(
            ratings=np.array([fixed[TagType.RATING][name] for name in RATINGS]),
            warnings=np.array([fixed[TagType.WARNING][name] for name in WARNINGS]),
            categories=np.array([fixed[TagType.CATEGORY][name] for name in CATEGORIES]),
            fandoms=fandoms,
            characters=_Pools(characters, owner_of_character, len(fandoms)),
            relationships=_Pools(relationships, owner_of_relationship, len(fandoms)),
            freeforms=freeforms,
            synonyms=synonyms,
            canonical=canonical,
            meta=meta,
            is_fandom=is_fandom,
        )

    def _synonyms(self, canonicals: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """A synonym for each of the most popular freeforms, used on a share of works."""
        ids = self._next_ids(Tag, len(canonicals))
        now = timezone.now()
        rows = (
            (int(i), f"Synthetic Synonym {int(i)}", TagType.FREEFORM.value, False, int(c), now)
            for i, c in zip(ids, canonicals, strict=True)
        )
        write_rows(Tag, TAG_COLUMNS, rows)
        return ids, canonicals

    def _meta_fandoms(self, fandoms: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Every tenth of the 500 biggest fandoms is the meta tag of the next nine."""
        top = fandoms[: min(500, len(fandoms))]
        is_sub = np.arange(len(top)) % 10 != 0
        subs, metas = top[is_sub], top[np.flatnonzero(is_sub) // 10 * 10]
        MetaTagging.objects.bulk_create(
            MetaTagging(meta_id=int(m), sub_id=int(s)) for m, s in zip(metas, subs, strict=True)
        )
        return metas, subs

    # --- people ---------------------------------------------------------------------

    def creators(self) -> np.ndarray:
        """Users with their default pseuds (written directly, so no per-user signal)."""
        user_ids = self._next_ids(User, self.user_count)
        pseud_ids = self._next_ids(Pseud, self.user_count)
        password = make_password(None)  # unusable: synthetic people cannot sign in
        now = timezone.now()
        user_rows = (
            (int(u), f"synth{int(u)}", f"synth{int(u)}@example.invalid", password,
             True, False, False, "", "", now, now)
            for u in user_ids
        )  # fmt: skip
        user_columns = [
            "id", "username", "email", "password", "is_active", "is_staff", "is_superuser",
            "first_name", "last_name", "date_joined", "email_confirmed_at",
        ]  # fmt: skip
        write_rows(User, user_columns, user_rows)
        pseud_rows = (
            (int(p), int(u), f"synth{int(u)}", "", "", "", True, now)
            for p, u in zip(pseud_ids, user_ids, strict=True)
        )
        pseud_columns = [
            "id", "user_id", "name", "description", "icon", "icon_alt_text", "is_default",
            "created_at",
        ]  # fmt: skip
        write_rows(Pseud, pseud_columns, pseud_rows)
        # Every user has preferences (the sign-up signal makes them): the pages a creator's
        # readers reach read them, e.g. whether to e-mail the creator about kudos.
        Preference.objects.bulk_create(
            (Preference(user_id=int(u)) for u in user_ids), batch_size=10_000
        )
        self.progress(f"{self.user_count:,} users, pseuds and preferences written")
        return pseud_ids

    # --- works ----------------------------------------------------------------------

    def works_and_tags(self, vocabulary: Vocabulary, pseuds: np.ndarray) -> None:
        """Written a chunk of works at a time: holding every row of 10 M works (~5 GB a
        million) would not fit the machine. Each chunk is drawn and tagged with numpy."""
        summaries = _Summaries(self.rng)
        first_id = int(self._next_ids(Work, 1)[0])
        for start in range(0, self.works, WORKS_PER_CHUNK):
            count = min(self.works, start + WORKS_PER_CHUNK) - start
            work_ids = np.arange(first_id + start, first_id + start + count, dtype=np.int64)
            work_of, tags, positions = _work_tags(self.rng, vocabulary, count)
            filter_of, filter_tags, crossover = _filter_tags(work_of, tags, vocabulary, count)
            stats = _WorkStats(self.rng, vocabulary, count)
            texts = summaries.chunk(count)
            rows = [
                _work_row(int(work_id), stats, i, bool(crossover[i]), texts[i])
                for i, work_id in enumerate(work_ids.tolist())
            ]
            write_rows(Work, list(SyntheticWork._fields), rows)
            self._write_credits_and_chapters(rows, work_ids, self.rng.choice(pseuds, size=count))
            write_columns(
                Tagging,
                {"id": self._next_ids(Tagging, len(tags)), "work_id": work_ids[work_of],
                 "tag_id": tags, "position": positions},
            )  # fmt: skip
            write_columns(
                FilterTagging,
                {"id": self._next_ids(FilterTagging, len(filter_tags)),
                 "work_id": work_ids[filter_of], "tag_id": filter_tags},
            )  # fmt: skip
            self.progress(
                f"written {start + count:,} of {self.works:,} works "
                f"({len(tags):,} taggings, {len(filter_tags):,} filter taggings in this chunk)"
            )

    def _write_credits_and_chapters(
        self, rows: list[SyntheticWork], work_ids: np.ndarray, owners: np.ndarray
    ) -> None:
        write_columns(
            Creatorship,
            {"id": self._next_ids(Creatorship, len(work_ids)), "work_id": work_ids,
             "pseud_id": owners, "position": np.zeros(len(work_ids), dtype=np.int64)},
        )  # fmt: skip
        body = "<p>" + " ".join(WORDS) + "</p>"
        chapter_ids = self._next_ids(Chapter, len(rows)).tolist()
        chapter_rows = (
            (chapter_id, row.id, 1, "", "", "", "", body, 10, True, row.published_on,
             row.created_at, row.created_at)
            for chapter_id, row in zip(chapter_ids, rows, strict=True)
        )  # fmt: skip
        write_rows(Chapter, CHAPTER_COLUMNS, chapter_rows)

    def run(self) -> None:
        written = (Tag, User, Pseud, Work, Tagging, FilterTagging, Creatorship, Chapter)
        with transaction.atomic():
            self._skip_foreign_key_checks()
            # Adding at least as many works as there are: building the secondary indexes
            # once afterwards is faster than updating them row by row.
            rebuild = self.works >= Work.objects.count()
            with secondary_indexes_rebuilt_after(written if rebuild else (), self.progress):
                vocabulary = self.vocabulary()
                pseuds = self.creators()
                self.works_and_tags(vocabulary, pseuds)
        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(no_style(), [*written, MetaTagging]):
                cursor.execute(statement)
            if connection.vendor == "postgresql":
                cursor.execute("ANALYZE")


# --- writing rows ------------------------------------------------------------------------


def write_rows(model, columns: list[str], rows: Iterable[tuple]) -> None:
    """Rows of Python values: COPY on PostgreSQL, batched INSERTs elsewhere."""
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        placeholders = ", ".join(["%s"] * len(columns))
        sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders})"  # noqa: S608
        iterator = iter(rows)
        while batch := list(itertools.islice(iterator, 50_000)):
            cursor.executemany(sql, batch)


def write_columns(model, columns: dict[str, np.ndarray]) -> None:
    """Integer columns: PostgreSQL's binary COPY straight from the arrays (a tagging row
    through write_row cost ~3 µs; 30 million of them for a million works)."""
    if connection.vendor != "postgresql":
        write_rows(model, list(columns), zip(*(c.tolist() for c in columns.values()), strict=True))
        return
    table = model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attname, typlen FROM pg_attribute JOIN pg_type ON pg_type.oid = atttypid "
            "WHERE attrelid = %s::regclass AND attname = ANY(%s)",
            [table, list(columns)],
        )
        widths = dict(cursor.fetchall())
        rows = np.empty(len(next(iter(columns.values()))), dtype=_binary_row(columns, widths))
        rows["fields"] = len(columns)
        for name, values in columns.items():
            rows[f"{name}_length"] = widths[name]
            rows[name] = values
        sql = f"COPY {table} ({', '.join(columns)}) FROM STDIN (FORMAT BINARY)"
        with cursor.cursor.copy(sql) as copy:
            copy.write(b"PGCOPY\n\xff\r\n\x00" + struct.pack("!ii", 0, 0))
            for start in range(0, len(rows), 1_000_000):
                copy.write(rows[start : start + 1_000_000].tobytes())
            copy.write(struct.pack("!h", -1))


def _binary_row(columns: dict[str, np.ndarray], widths: dict[str, int]) -> np.dtype:
    """A tuple of PostgreSQL's binary COPY format: a field count, then length and big-endian
    value of each field."""
    fields = [("fields", ">i2")]
    for name in columns:
        fields += [(f"{name}_length", ">i4"), (name, f">i{widths[name]}")]
    return np.dtype(fields)


@contextmanager
def secondary_indexes_rebuilt_after(models, progress: Callable[[str], None]) -> Iterator[None]:
    """Drops these tables' indexes that back no constraint and creates them again, from their
    own definitions, when the block ends (PostgreSQL; elsewhere the block just runs)."""
    if connection.vendor != "postgresql" or not models:
        yield
        return
    tables = [model._meta.db_table for model in models]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexrelid::regclass::text, pg_get_indexdef(indexrelid) FROM pg_index "
            "WHERE indrelid = ANY(%s::regclass[]) AND NOT EXISTS "
            "(SELECT 1 FROM pg_constraint WHERE conindid = indexrelid)",
            [tables],
        )
        definitions = cursor.fetchall()
        for name, _ in definitions:
            cursor.execute(f"DROP INDEX {name}")
    yield
    started = time.monotonic()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
        for _, definition in definitions:
            cursor.execute(definition)
    progress(f"{len(definitions)} indexes built again in {time.monotonic() - started:.0f} s")


# --- drawing a chunk of works --------------------------------------------------------------


class _WorkStats:
    """A chunk of works' numbers, dates, ratings and languages."""

    def __init__(self, rng: np.random.Generator, vocabulary: Vocabulary, n: int) -> None:
        today = timezone.localdate().toordinal()
        published = today - rng.integers(0, 365 * YEARS, size=n)
        self.published = published.tolist()
        self.updated = np.minimum(
            published + rng.exponential(120, size=n).astype(np.int64), today
        ).tolist()
        words = np.clip(rng.lognormal(8.2, 1.2, size=n), 100, 500_000).astype(np.int64)
        self.words = words.tolist()
        kudos = np.clip(rng.lognormal(3.5, 1.4, size=n), 0, 100_000).astype(np.int64)
        self.kudos = kudos.tolist()
        self.hits = (
            kudos * np.clip(rng.lognormal(2.6, 0.5, size=n), 2, 200).astype(np.int64)
        ).tolist()
        chapters = np.maximum(1, rng.geometric(0.45, size=n))
        self.chapters = chapters.tolist()
        self.expected = np.where(
            rng.random(n) < 0.8, chapters, np.where(rng.random(n) < 0.5, 0, chapters + 3)
        ).tolist()
        english = rng.random(n) < 0.9
        self.languages = np.where(english, "en", rng.choice(OTHER_LANGUAGES, size=n)).tolist()


def _work_row(
    work_id: int, stats: _WorkStats, i: int, crossover: bool, texts: tuple[str, str]
) -> SyntheticWork:
    revised = datetime.datetime.combine(
        datetime.date.fromordinal(stats.updated[i]), datetime.time(12), tzinfo=datetime.UTC
    )
    expected = stats.expected[i] or None
    kudos = stats.kudos[i]
    return SyntheticWork(
        id=work_id,
        title=f"{WORDS[work_id % 10].title()} {WORDS[(work_id // 10) % 10]} {work_id}",
        summary=texts[0],
        notes=texts[1],
        end_notes="",
        language=stats.languages[i],
        expected_chapters=expected,
        posted=True,
        restricted=False,
        anonymous=False,
        unrevealed=False,
        hidden_by_admin=False,
        comment_permission="users",
        moderated_comments=False,
        published_on=datetime.date.fromordinal(stats.published[i]),
        updated_on=revised.date(),
        complete=bool(expected and stats.chapters[i] >= expected),
        revised_at=revised,
        crossover=crossover,
        word_count=stats.words[i],
        chapter_count=stats.chapters[i],
        kudos_count=kudos,
        hit_count=stats.hits[i],
        comment_count=kudos // 10,
        bookmark_count=kudos // 8,
        created_at=revised,
        modified_at=revised,
        source_url="",
        imported_creators="",
        stated_word_count=None,
        import_hash="",
    )


def _work_tags(
    rng: np.random.Generator, vocabulary: Vocabulary, n: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every tagging of n works as (work index, tag id, position), in work order: a rating,
    warnings, categories, 1-3 fandoms with relationships and characters from each fandom's
    own pool, 3-9 Zipf freeforms and now and then a synonym."""
    works = np.arange(n)
    parts = [(works, rng.choice(vocabulary.ratings, size=n, p=list(RATING_SHARES.values())))]
    no_warning = rng.random(n) < 0.66
    parts.append((works[no_warning], np.full(no_warning.sum(), vocabulary.warnings[3])))
    parts.append(_some_of(rng, vocabulary.warnings, works[~no_warning], 3))
    parts.append(_some_of(rng, vocabulary.categories, works, 2))
    owner = np.repeat(works, rng.choice([1, 1, 1, 1, 2, 3], size=n))
    fandom_weights = zipf_weights(len(vocabulary.fandoms), 1.1)
    picked = rng.choice(len(vocabulary.fandoms), size=len(owner), p=fandom_weights)
    owner, picked = _first_of_each(owner, picked)
    parts.append((owner, vocabulary.fandoms[picked]))
    for pools, low, high in ((vocabulary.relationships, 0, 4), (vocabulary.characters, 1, 7)):
        pair, members = pools.draw(rng, picked, rng.integers(low, high, size=len(picked)))
        parts.append((owner[pair], members))
    freeform_weights = zipf_weights(len(vocabulary.freeforms), 1.05, shift=2.7)
    owner = np.repeat(works, rng.integers(3, 10, size=n))
    parts.append((owner, rng.choice(vocabulary.freeforms, size=len(owner), p=freeform_weights)))
    synonym_use = works[rng.random(n) < 0.1]
    parts.append((synonym_use, rng.choice(vocabulary.synonyms, size=len(synonym_use))))
    work_of = np.concatenate([part[0] for part in parts])
    order = np.argsort(work_of, kind="stable")  # by work, each work's tags in the order above
    work_of, tags = _first_of_each(
        work_of[order], np.concatenate([part[1] for part in parts])[order]
    )
    starts = np.searchsorted(work_of, works)
    return work_of, tags, np.arange(len(tags)) - starts[work_of]


def _some_of(rng: np.random.Generator, choices: np.ndarray, works: np.ndarray, most: int):
    """1 to `most` draws from `choices` for each of these works."""
    owner = np.repeat(works, rng.integers(1, most + 1, size=len(works)))
    return owner, choices[rng.integers(0, len(choices), size=len(owner))]


def _first_of_each(owner: np.ndarray, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each (owner, value) pair once, where it first occurs, in the original order."""
    _, first = np.unique(owner * (int(values.max(initial=0)) + 1) + values, return_index=True)
    first.sort()
    return owner[first], values[first]


def _filter_tags(
    work_of: np.ndarray, tags: np.ndarray, vocabulary: Vocabulary, n: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The same derivation as search.filtertags, in bulk: each tag's canonical tag and its meta
    fandom; a work is a crossover when its fandoms have more than one root."""
    canonical = vocabulary.canonical[tags]
    meta = vocabulary.meta[canonical]
    has_meta = meta >= 0
    filter_of, filter_tags = _first_of_each(
        np.concatenate([work_of, work_of[has_meta]]), np.concatenate([canonical, meta[has_meta]])
    )
    fandom = vocabulary.is_fandom[canonical]
    roots = np.where(has_meta, meta, canonical)[fandom]
    root_owner, _ = _first_of_each(work_of[fandom], roots)
    return filter_of, filter_tags, np.bincount(root_owner, minlength=n) > 1


class _Summaries:
    """Summaries of ~40 words (lognormal) and notes for a third of works, a chunk at a time."""

    def __init__(self, rng: np.random.Generator) -> None:
        self.rng = rng
        invented = sorted(
            {"".join(rng.choice(SYLLABLES, size=rng.integers(2, 4))) for _ in range(6000)}
        )
        self.vocabulary = np.array(COMMON_WORDS + invented, dtype=object)
        self.weights = zipf_weights(len(self.vocabulary), 1.0, shift=2.0)

    def chunk(self, n: int) -> list[tuple[str, str]]:
        rng = self.rng
        lengths = np.clip(rng.lognormal(3.6, 0.5, size=n), 3, 250).astype(np.int64)
        note_lengths = np.where(rng.random(n) < 0.33, rng.integers(3, 25, size=n), 0)
        offsets = np.concatenate([[0], np.cumsum(lengths + note_lengths)]).tolist()
        words = self.vocabulary[
            rng.choice(len(self.vocabulary), size=offsets[-1], p=self.weights)
        ].tolist()
        middles = (np.array(offsets[:-1]) + lengths).tolist()
        return [
            _texts(words[start:middle], words[middle:end])
            for start, middle, end in zip(offsets[:-1], middles, offsets[1:], strict=True)
        ]


def _texts(summary: list[str], notes: list[str]) -> tuple[str, str]:
    summary_text = f"<p>{' '.join(summary).capitalize()}.</p>"
    return summary_text, f"<p>{' '.join(notes).capitalize()}.</p>" if notes else ""

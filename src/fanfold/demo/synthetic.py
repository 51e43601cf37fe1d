"""An AO3-shaped synthetic archive for scale tests and benchmarks: placeholder words only.

Distributions follow AO3's shape (docs/decisions.md, "Synthetic data"): Zipf-popular fandoms,
characters and relationships drawn within a work's fandoms, popular plus one-off
freeforms, AO3's rating split, mostly "No Archive Warnings Apply", 90 % English,
lognormal word counts and kudos, dates over 15 years, some synonyms and meta tags.
"""

import datetime
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
from django.contrib.auth.hashers import make_password
from django.core.management.color import no_style
from django.db import connection, transaction
from django.utils import timezone

from fanfold.accounts.models import Pseud, User
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
    """Tag ids of every kind, and which fandom each character or relationship belongs to."""

    ratings: list[int]
    warnings: list[int]
    categories: list[int]
    fandoms: np.ndarray
    fandom_ids: frozenset[int]
    characters_of: list[np.ndarray]  # per fandom index
    relationships_of: list[np.ndarray]
    freeforms: np.ndarray
    canonical_of: dict[int, int]  # synonym -> canonical
    metas_of: dict[int, list[int]]  # fandom -> its meta fandoms


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

    # --- writing --------------------------------------------------------------------

    def _write(self, model, columns: list[str], rows: Iterator[tuple], label: str) -> int:
        table = model._meta.db_table
        written = 0
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                raw = cursor.cursor  # psycopg's own cursor, for COPY
                with raw.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
                        written += 1
                        if written % 200_000 == 0:
                            self.progress(f"{label}: {written:,}")
        else:
            placeholders = ", ".join(["%s"] * len(columns))
            sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders})"  # noqa: S608
            batch: list[tuple] = []
            with connection.cursor() as cursor:
                for row in rows:
                    batch.append(row)
                    if len(batch) == 50_000:
                        cursor.executemany(sql, batch)
                        written += len(batch)
                        batch = []
                        self.progress(f"{label}: {written:,}")
                if batch:
                    cursor.executemany(sql, batch)
                    written += len(batch)
        self.progress(f"{label}: {written:,} written")
        return written

    # --- vocabulary -----------------------------------------------------------------

    def _tags(self, tag_type: str, count: int, prefix: str) -> np.ndarray:
        ids = self._next_ids(Tag, count)
        now = timezone.now()
        rows = ((int(i), f"{prefix} {int(i)}", tag_type, True, None, now) for i in ids)
        self._write(
            Tag,
            ["id", "name", "type", "canonical", "merger_id", "created_at"],
            rows,
            f"{prefix} tags",
        )
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
        return Vocabulary(
            ratings=[fixed[TagType.RATING][name] for name in RATINGS],
            warnings=[fixed[TagType.WARNING][name] for name in WARNINGS],
            categories=[fixed[TagType.CATEGORY][name] for name in CATEGORIES],
            fandoms=fandoms,
            fandom_ids=frozenset(fandoms.tolist()),
            characters_of=_group(characters, owner_of_character, len(fandoms)),
            relationships_of=_group(relationships, owner_of_relationship, len(fandoms)),
            freeforms=freeforms,
            canonical_of=self._synonyms(freeforms[:200]),
            metas_of=self._meta_fandoms(fandoms),
        )

    def _synonyms(self, canonicals: np.ndarray) -> dict[int, int]:
        """A synonym for each of the most popular freeforms, used on a share of works."""
        ids = self._next_ids(Tag, len(canonicals))
        now = timezone.now()
        rows = (
            (int(i), f"Synthetic Synonym {int(i)}", TagType.FREEFORM.value, False, int(c), now)
            for i, c in zip(ids, canonicals, strict=True)
        )
        self._write(
            Tag, ["id", "name", "type", "canonical", "merger_id", "created_at"], rows, "synonyms"
        )
        return {int(i): int(c) for i, c in zip(ids, canonicals, strict=True)}

    def _meta_fandoms(self, fandoms: np.ndarray) -> dict[int, list[int]]:
        """Every tenth of the 500 biggest fandoms is the meta tag of the next nine."""
        metas: dict[int, list[int]] = {}
        links = []
        for start in range(0, min(500, len(fandoms)), 10):
            meta = int(fandoms[start])
            for sub in fandoms[start + 1 : start + 10]:
                metas[int(sub)] = [meta]
                links.append(MetaTagging(meta_id=meta, sub_id=int(sub)))
        MetaTagging.objects.bulk_create(links)
        return metas

    # --- people ---------------------------------------------------------------------

    def creators(self) -> np.ndarray:
        """Users with their default pseuds (written directly, so no per-user signal)."""
        user_ids = self._next_ids(User, self.user_count)
        pseud_ids = self._next_ids(Pseud, self.user_count)
        password = make_password(None)  # unusable: synthetic people cannot sign in
        now = timezone.now()
        user_rows = (
            (
                int(u),
                f"synth{int(u)}",
                f"synth{int(u)}@example.invalid",
                password,
                True,
                False,
                False,
                "",
                "",
                now,
                now,
            )
            for u in user_ids
        )
        self._write(
            User,
            [
                "id",
                "username",
                "email",
                "password",
                "is_active",
                "is_staff",
                "is_superuser",
                "first_name",
                "last_name",
                "date_joined",
                "email_confirmed_at",
            ],
            user_rows,
            "users",
        )
        pseud_rows = (
            (int(p), int(u), f"synth{int(u)}", "", "", "", True, now)
            for p, u in zip(pseud_ids, user_ids, strict=True)
        )
        self._write(
            Pseud,
            [
                "id",
                "user_id",
                "name",
                "description",
                "icon",
                "icon_alt_text",
                "is_default",
                "created_at",
            ],
            pseud_rows,
            "pseuds",
        )
        return pseud_ids

    # --- works ----------------------------------------------------------------------

    def works_and_tags(self, vocabulary: Vocabulary, pseuds: np.ndarray) -> None:
        n, rng = self.works, self.rng
        work_ids = self._next_ids(Work, n)
        today = timezone.localdate()
        published = today.toordinal() - rng.integers(0, 365 * YEARS, size=n)
        updated = np.minimum(
            published + rng.exponential(120, size=n).astype(np.int64), today.toordinal()
        )
        words = np.clip(rng.lognormal(8.2, 1.2, size=n), 100, 500_000).astype(np.int64)
        kudos = np.clip(rng.lognormal(3.5, 1.4, size=n), 0, 100_000).astype(np.int64)
        hits = kudos * np.clip(rng.lognormal(2.6, 0.5, size=n), 2, 200).astype(np.int64)
        chapters = np.maximum(1, rng.geometric(0.45, size=n))
        expected = np.where(
            rng.random(n) < 0.8, chapters, np.where(rng.random(n) < 0.5, 0, chapters + 3)
        )
        ratings = rng.choice(vocabulary.ratings, size=n, p=list(RATING_SHARES.values()))
        english = rng.random(n) < 0.9
        languages = np.where(english, "en", rng.choice(OTHER_LANGUAGES, size=n))
        owners = rng.choice(pseuds, size=n)
        draws = _Draws(rng, vocabulary, n)
        summaries = _Summaries(rng, n)
        stats = {
            "updated": updated, "published": published, "expected": expected, "chapters": chapters,
            "words": words, "kudos": kudos, "hits": hits, "languages": languages,
        }  # fmt: skip
        # Written a chunk of works at a time: holding every row of 10 M works (~5 GB a
        # million) would not fit the machine.
        for start in range(0, n, WORKS_PER_CHUNK):
            chunk = slice(start, min(n, start + WORKS_PER_CHUNK))
            work_rows: list[SyntheticWork] = []
            tagging_rows: list[tuple] = []
            filter_rows: list[tuple[int, int]] = []
            tagging_id = self._next_ids(Tagging, 1)[0]
            for i in range(chunk.start, chunk.stop):
                work_id = int(work_ids[i])
                tags = self._work_tags(vocabulary, draws, i, int(ratings[i]))
                for position, tag_id in enumerate(tags):
                    tagging_rows.append((int(tagging_id), work_id, tag_id, position))
                    tagging_id += 1
                filter_tags, crossover = _filter_tags(tags, vocabulary)
                filter_rows.extend((work_id, tag_id) for tag_id in filter_tags)
                work_rows.append(_work_row(work_id, i, stats, crossover, summaries.texts(i)))
            self._write_works(work_rows, work_ids[chunk], owners[chunk])
            self._write_tags(tagging_rows, filter_rows)
            self.progress(f"written {chunk.stop:,} of {n:,} works")

    def _write_tags(self, tagging_rows: list[tuple], filter_rows: list[tuple[int, int]]) -> None:
        self._write(
            Tagging, ["id", "work_id", "tag_id", "position"], iter(tagging_rows), "taggings"
        )
        filter_ids = self._next_ids(FilterTagging, len(filter_rows))
        self._write(
            FilterTagging,
            ["id", "work_id", "tag_id"],
            ((int(fid), w, t) for fid, (w, t) in zip(filter_ids, filter_rows, strict=True)),
            "filter taggings",
        )

    def _work_tags(self, vocabulary: Vocabulary, draws: "_Draws", i: int, rating: int) -> list[int]:
        tags = [rating]
        if draws.no_warning[i]:
            tags.append(vocabulary.warnings[3])  # No Archive Warnings Apply
        else:
            tags += [vocabulary.warnings[w] for w in draws.warnings[i][: draws.warning_counts[i]]]
        tags += [vocabulary.categories[c] for c in draws.categories[i][: draws.category_counts[i]]]
        fandom_indexes = {next(draws.fandoms) for _ in range(draws.fandom_counts[i])}
        tags += [int(vocabulary.fandoms[f]) for f in fandom_indexes]
        for f in fandom_indexes:
            tags += draws.members(vocabulary.relationships_of[f], next(draws.relationship_counts))
            tags += draws.members(vocabulary.characters_of[f], next(draws.character_counts))
        tags += [next(draws.freeforms) for _ in range(draws.freeform_counts[i])]
        if draws.synonym_use[i]:
            tags.append(draws.synonyms[draws.synonym_picks[i]])
        return list(dict.fromkeys(int(t) for t in tags))

    def _write_works(
        self, rows: list[SyntheticWork], work_ids: np.ndarray, owners: np.ndarray
    ) -> None:
        columns = list(SyntheticWork._fields)
        self._write(Work, columns, iter(rows), "works")
        creatorship_ids = self._next_ids(Creatorship, len(work_ids))
        self._write(
            Creatorship,
            ["id", "work_id", "pseud_id", "position"],
            (
                (int(c), int(w), int(p), 0)
                for c, w, p in zip(creatorship_ids, work_ids, owners, strict=True)
            ),
            "creatorships",
        )
        chapter_ids = self._next_ids(Chapter, len(work_ids))
        body = "<p>" + " ".join(WORDS) + "</p>"
        chapter_rows = (
            (
                int(c),
                int(row.id),
                1,
                "",
                "",
                "",
                "",
                body,
                10,
                True,
                row.published_on,
                row.created_at,
                row.created_at,
            )
            for c, row in zip(chapter_ids, rows, strict=True)
        )
        self._write(
            Chapter,
            [
                "id",
                "work_id",
                "position",
                "title",
                "summary",
                "notes",
                "end_notes",
                "body",
                "word_count",
                "posted",
                "published_on",
                "created_at",
                "modified_at",
            ],
            chapter_rows,
            "chapters",
        )

    def run(self) -> None:
        with transaction.atomic():
            self._skip_foreign_key_checks()
            vocabulary = self.vocabulary()
            pseuds = self.creators()
            self.works_and_tags(vocabulary, pseuds)
        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(
                no_style(),
                [Tag, User, Pseud, Work, Tagging, FilterTagging, Creatorship, Chapter, MetaTagging],
            ):
                cursor.execute(statement)
            if connection.vendor == "postgresql":
                cursor.execute("ANALYZE")


def _work_row(
    work_id: int, i: int, stats: dict[str, np.ndarray], crossover: bool, texts: tuple[str, str]
) -> SyntheticWork:
    updated, published, expected = stats["updated"], stats["published"], stats["expected"]
    chapters, words, kudos, hits = stats["chapters"], stats["words"], stats["kudos"], stats["hits"]
    languages = stats["languages"]
    revised = datetime.datetime.combine(
        datetime.date.fromordinal(int(updated[i])), datetime.time(12), tzinfo=datetime.UTC
    )
    exp = int(expected[i]) or None
    return SyntheticWork(
        id=work_id,
        title=f"{WORDS[work_id % 10].title()} {WORDS[(work_id // 10) % 10]} {work_id}",
        summary=texts[0],
        notes=texts[1],
        end_notes="",
        language=str(languages[i]),
        expected_chapters=exp,
        posted=True,
        restricted=False,
        anonymous=False,
        unrevealed=False,
        hidden_by_admin=False,
        comment_permission="users",
        moderated_comments=False,
        published_on=datetime.date.fromordinal(int(published[i])),
        updated_on=datetime.date.fromordinal(int(updated[i])),
        complete=bool(exp and chapters[i] >= exp),
        revised_at=revised,
        crossover=crossover,
        word_count=int(words[i]),
        chapter_count=int(chapters[i]),
        kudos_count=int(kudos[i]),
        hit_count=int(hits[i]),
        comment_count=int(kudos[i] // 10),
        bookmark_count=int(kudos[i] // 8),
        created_at=revised,
        modified_at=revised,
        source_url="",
        imported_creators="",
        stated_word_count=None,
        import_hash="",
    )


def _group(ids: np.ndarray, owners: np.ndarray, groups: int) -> list[np.ndarray]:
    order = np.argsort(owners, kind="stable")
    bounds = np.searchsorted(owners[order], np.arange(groups + 1))
    return [ids[order[bounds[g] : bounds[g + 1]]] for g in range(groups)]


class _Draws:
    """Every random choice for every work, drawn in bulk by numpy and handed out in order.

    Drawing per work (rng.choice with a 30,000-long weight vector each time) took 45 minutes
    for a million works; drawing in bulk takes seconds.
    """

    def __init__(self, rng: np.random.Generator, vocabulary: Vocabulary, n: int) -> None:
        fandom_weights = zipf_weights(len(vocabulary.fandoms), 1.1)
        freeform_weights = zipf_weights(len(vocabulary.freeforms), 1.05, shift=2.7)
        self.fandom_counts = rng.choice([1, 1, 1, 1, 2, 3], size=n).tolist()
        picks = rng.choice(len(vocabulary.fandoms), size=sum(self.fandom_counts), p=fandom_weights)
        self.fandoms = iter(picks.tolist())
        pairs = sum(self.fandom_counts)
        self.relationship_counts = iter(rng.integers(0, 4, size=pairs).tolist())
        self.character_counts = iter(rng.integers(1, 7, size=pairs).tolist())
        # Earlier members of a fandom's pool are its popular ones.
        self.pool_picks = iter((rng.geometric(0.3, size=pairs * 10) - 1).tolist())
        self.no_warning = (rng.random(n) < 0.66).tolist()
        self.warnings = [
            list(dict.fromkeys(row)) for row in rng.integers(0, 6, size=(n, 3)).tolist()
        ]
        self.warning_counts = rng.integers(1, 4, size=n).tolist()
        self.categories = [
            list(dict.fromkeys(row)) for row in rng.integers(0, 6, size=(n, 2)).tolist()
        ]
        self.category_counts = rng.integers(1, 3, size=n).tolist()
        self.freeform_counts = rng.integers(3, 10, size=n).tolist()
        chosen = rng.choice(
            vocabulary.freeforms, size=sum(self.freeform_counts), p=freeform_weights
        )
        self.freeforms = iter(chosen.tolist())
        self.synonyms = list(vocabulary.canonical_of)
        self.synonym_use = (rng.random(n) < 0.1).tolist()
        self.synonym_picks = rng.integers(0, len(self.synonyms), size=n).tolist()

    def members(self, pool: np.ndarray, count: int) -> list[int]:
        if not len(pool):
            return []
        last = len(pool) - 1
        return [int(pool[min(next(self.pool_picks), last)]) for _ in range(min(count, len(pool)))]


class _Summaries:
    """Every work's summary and notes, drawn in bulk: ~40 words (lognormal), a third with notes."""

    def __init__(self, rng: np.random.Generator, n: int) -> None:
        invented = sorted(
            {"".join(rng.choice(SYLLABLES, size=rng.integers(2, 4))) for _ in range(6000)}
        )
        self.vocabulary = np.array(COMMON_WORDS + invented)
        weights = zipf_weights(len(self.vocabulary), 1.0, shift=2.0)
        lengths = np.clip(rng.lognormal(3.6, 0.5, size=n), 3, 250).astype(np.int64)
        note_lengths = np.where(rng.random(n) < 0.33, rng.integers(3, 25, size=n), 0)
        self.offsets = np.concatenate([[0], np.cumsum(lengths + note_lengths)])
        self.summary_lengths = lengths
        self.words = rng.choice(len(self.vocabulary), size=int(self.offsets[-1]), p=weights).astype(
            np.int32
        )

    def texts(self, i: int) -> tuple[str, str]:
        start, middle = int(self.offsets[i]), int(self.offsets[i]) + int(self.summary_lengths[i])
        summary = " ".join(self.vocabulary[self.words[start:middle]])
        notes = " ".join(self.vocabulary[self.words[middle : int(self.offsets[i + 1])]])
        return f"<p>{summary.capitalize()}.</p>", f"<p>{notes.capitalize()}.</p>" if notes else ""


def _filter_tags(tags: list[int], vocabulary: Vocabulary) -> tuple[set[int], bool]:
    """The same derivation as search.filtertags, on in-memory data for speed."""
    found = set()
    fandom_roots = set()  # meta tags here are one level deep: sharing a root = sharing a meta
    for tag in tags:
        canonical = vocabulary.canonical_of.get(tag, tag)
        found.add(canonical)
        metas = vocabulary.metas_of.get(canonical, [])
        found.update(metas)
        if canonical in vocabulary.fandom_ids:
            fandom_roots.add(metas[0] if metas else canonical)
    return found, len(fandom_roots) > 1

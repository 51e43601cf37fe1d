"""The works filter at archive scale: Fanfold's index beside plain SQL on PostgreSQL and
PostgreSQL's `tag_ids int[]` + GIN layout (shared/notes/filter-engines.md).

Loads (once) a synthetic corpus into its own PostgreSQL database, builds the index (or maps
it from a snapshot file, --snapshot), then runs realistic random filters through all three
and prints p50/p95/max side by side, with the index build time and memory.
Usage: bench/filter.py [--works 1000000] [--queries 200] [--snapshot FILE]
"""

import argparse
import os
import random
import statistics
import sys
import time

import psycopg

BENCH_URL = os.environ.get(
    "FANFOLD_BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/fanfold_bench"
)


def ensure_database(url: str) -> None:
    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            admin.execute(f'CREATE DATABASE "{name}"')


def setup_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fanfold.settings")
    import django

    django.setup()


def rss_mib() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def load_corpus(url: str, works: int) -> None:
    from django.core.management import call_command

    from fanfold.works.models import Work

    call_command("migrate", verbosity=0)
    have = Work.objects.count()
    if have < works:
        print(f"Adding {works - have:,} synthetic works (once; kept in {url})")
        call_command("synth", works=works - have, seed=have + 1)


def indexed_corpus(url: str, works: int, snapshot: str | None = None):
    """The synthetic corpus in its own database (made once), and the index: mapped from the
    snapshot file when it exists, else built (and written there, so the next run of this or
    another bench maps it in seconds)."""
    ensure_database(url)
    setup_django(url)
    load_corpus(url, works)
    print(f"load average at the start: {os.getloadavg()[0]:.1f} (2 cores, shared)")
    from pathlib import Path

    from django.utils import timezone

    from fanfold.search.registry import build_index
    from fanfold.search.snapshot import load_snapshot, write_snapshot

    path = Path(snapshot) if snapshot else None
    before = rss_mib()
    if path and path.exists():
        ms, index = timed(lambda: load_snapshot(path).index)
        print(f"{index.size:,} works; index mapped from {path} in {ms / 1000:.2f} s")
        return index
    as_of = timezone.now()
    ms, index = timed(build_index)
    print(
        f"{index.size:,} works; index build {ms / 1000:.1f} s; "
        f"index {rss_mib() - before:,.0f} MiB RSS"
    )
    if path:
        ms, _ = timed(lambda: write_snapshot(index, path, as_of))
        size = path.stat().st_size / 2**20
        print(f"snapshot written in {ms / 1000:.1f} s: {size:,.0f} MiB ({path})")
    return index


# --- the tag_ids int[] + GIN layout, with a MATERIALIZED CTE (see the shared notes) ---------

ARRAYS_SQL = """
CREATE TABLE IF NOT EXISTS bench_tag_arrays AS
SELECT w.id, w.kudos_count AS kudos, w.revised_at AS revised, w.word_count AS words,
       w.language, array_agg(f.tag_id::int ORDER BY f.tag_id) AS tag_ids
FROM works_work w JOIN search_filtertagging f ON f.work_id = w.id
WHERE w.posted AND NOT w.restricted AND NOT w.hidden_by_admin AND NOT w.unrevealed
GROUP BY w.id;
CREATE INDEX IF NOT EXISTS bench_tag_arrays_gin ON bench_tag_arrays USING gin (tag_ids);
ANALYZE bench_tag_arrays;
"""
ARRAYS_MATCHES = """
WITH m AS MATERIALIZED (
  SELECT id, kudos, revised, tag_ids FROM bench_tag_arrays
  WHERE tag_ids @> %(include)s::int[] AND NOT tag_ids && %(exclude)s::int[]
    AND (cardinality(%(ratings)s::int[]) = 0 OR tag_ids && %(ratings)s::int[])
    AND (%(language)s::text IS NULL OR language = %(language)s::text)
    AND words BETWEEN %(words_from)s AND %(words_to)s
)"""
ARRAYS_PAGE = """
SELECT (SELECT count(*) FROM m), array(SELECT id FROM m ORDER BY {sort} DESC, id DESC LIMIT 20)"""
ARRAYS_FACETS = """, c AS (SELECT unnest(tag_ids) AS tag_id, count(*) AS n FROM m GROUP BY 1)
SELECT type, tag_id, n FROM (
  SELECT t.type, c.tag_id, c.n, row_number() OVER (PARTITION BY t.type ORDER BY c.n DESC, c.tag_id) AS r
  FROM c JOIN tags_tag t ON t.id = c.tag_id) ranked WHERE r <= 10"""


def build_arrays(connection) -> None:
    """Made once per corpus: again when synthetic works were added since."""
    start = time.perf_counter()
    if connection.execute("SELECT to_regclass('bench_tag_arrays')").fetchone()[0]:
        newest = "SELECT (SELECT max(id) FROM bench_tag_arrays) < (SELECT max(id) FROM works_work)"
        if connection.execute(newest).fetchone()[0]:
            connection.execute("DROP TABLE bench_tag_arrays")
    connection.execute(ARRAYS_SQL)
    size = connection.execute("SELECT pg_total_relation_size('bench_tag_arrays')").fetchone()[0]
    print(
        f"PostgreSQL tag_ids int[] + GIN: {size / 2**20:,.0f} MiB "
        f"(made in {time.perf_counter() - start:.0f} s, once)"
    )


def arrays_search(connection, criteria, facets: bool):
    params = {
        "include": sorted(criteria.include_tag_ids),
        "exclude": sorted(criteria.exclude_tag_ids),
        "ratings": sorted(criteria.rating_ids),
        "language": criteria.language,
        "words_from": criteria.words_from or 0,
        "words_to": criteria.words_to if criteria.words_to is not None else 2**62,
    }
    sort = "kudos" if criteria.sort == "kudos_count" else "revised"
    total, ids = connection.execute(
        ARRAYS_MATCHES + ARRAYS_PAGE.format(sort=sort), params
    ).fetchone()
    if facets:
        connection.execute(ARRAYS_MATCHES + ARRAYS_FACETS, params).fetchall()
    return total, ids


def realistic_queries(index, count: int, seed: int = 11):
    """Shapes seen on AO3's filters: a popular or mid fandom, a co-occurring relationship or
    freeform, 2-5 exclusions, rating subsets, optional language/words."""
    from fanfold.search.criteria import Audience, Criteria
    from fanfold.tags.models import RATINGS, Tag, TagType

    rng = random.Random(seed)
    fandom_sizes = sorted(
        (
            (len(index.postings(tag_id)), tag_id)
            for tag_id in Tag.objects.filter(
                type=TagType.FANDOM, name__startswith="Synthetic"
            ).values_list("id", flat=True)
        ),
        reverse=True,
    )
    ratings = dict(Tag.objects.filter(type=TagType.RATING).values_list("name", "id"))
    queries = []
    for number in range(count):
        rank = (
            rng.randrange(0, 20) if number % 2 else rng.randrange(20, min(500, len(fandom_sizes)))
        )
        fandom = fandom_sizes[rank][1]
        facets = index.search(
            Criteria(include_tag_ids=frozenset({fandom})), Audience(), 0, 1
        ).facets
        include = {fandom}
        if rng.random() < 0.7 and facets["Relationship"]:
            include.add(rng.choice(facets["Relationship"][:5])[0])
        if rng.random() < 0.5 and facets["Freeform"]:
            include.add(rng.choice(facets["Freeform"][:5])[0])
        excludable = [tag for tag, _ in facets["Freeform"][5:] + facets["Character"][3:]]
        exclude = set(rng.sample(excludable, k=min(len(excludable), rng.randint(2, 5))))
        rating_names = rng.sample(RATINGS, k=rng.randint(1, 4)) if rng.random() < 0.5 else []
        words = (
            sorted(rng.sample(range(1000, 60000, 1000), 2)) if rng.random() < 0.3 else (None, None)
        )
        queries.append(
            Criteria(
                include_tag_ids=frozenset(include),
                exclude_tag_ids=frozenset(exclude - include),
                rating_ids=frozenset(ratings[name] for name in rating_names),
                language="en" if rng.random() < 0.3 else None,
                words_from=words[0],
                words_to=words[1],
                sort="kudos_count" if rng.random() < 0.8 else "revised_at",
            )
        )
    return queries


def broad_queries(index, count: int, seed: int = 12):
    """A top-20 fandom's page: tens or hundreds of thousands of matches, kudos order."""
    from fanfold.search.criteria import Criteria
    from fanfold.tags.models import Tag, TagType

    rng = random.Random(seed)
    fandoms = Tag.objects.filter(type=TagType.FANDOM, name__startswith="Synthetic")
    ids = fandoms.values_list("id", flat=True)
    top = sorted(ids, key=lambda tag_id: -len(index.postings(tag_id)))[:20]
    sorts = ["kudos_count", "revised_at"]
    return [
        Criteria(include_tag_ids=frozenset({rng.choice(top)}), sort=rng.choice(sorts))
        for _ in range(count)
    ]


def timed(function) -> tuple[float, object]:
    start = time.perf_counter()
    result = function()
    return (time.perf_counter() - start) * 1000, result


def summary(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return f"{statistics.median(ordered):9.1f} {p95:9.1f} {ordered[-1]:9.1f}"


ROWS = (
    ("idx", "Fanfold index: filter + exact count + page 1"),
    ("sql", "PostgreSQL SQL: filter + exact count + page 1"),
    ("arr", "PostgreSQL int[]+GIN: filter + count + page 1"),
    ("idx_facets", "Fanfold index: ... + exact facets"),
    ("sql_facets", "PostgreSQL SQL: ... + exact facets"),
    ("arr_facets", "PostgreSQL int[]+GIN: ... + exact facets"),
)


def run_queries(label: str, queries, index, sql_facet_queries: int, connection) -> None:
    from django.contrib.auth.models import AnonymousUser

    from fanfold.search.criteria import Audience
    from fanfold.search.sql import sql_search

    guest, audience = AnonymousUser(), Audience()
    rows: dict[str, list[float]] = {key: [] for key, _ in ROWS}
    mismatches, totals = 0, []
    for number, criteria in enumerate(queries):
        ms, fast = timed(lambda c=criteria: index.search(c, audience, 0, 20, facets=False))
        rows["idx"].append(ms)
        ms, _ = timed(lambda c=criteria: index.search(c, audience, 0, 20, facets=True))
        rows["idx_facets"].append(ms)
        ms, slow = timed(lambda c=criteria: sql_search(c, guest, 0, 20, facets=False))
        rows["sql"].append(ms)
        ms, (arr_total, arr_ids) = timed(lambda c=criteria: arrays_search(connection, c, False))
        rows["arr"].append(ms)
        if number < sql_facet_queries:
            ms, _ = timed(lambda c=criteria: sql_search(c, guest, 0, 20, facets=True))
            rows["sql_facets"].append(ms)
            ms, _ = timed(lambda c=criteria: arrays_search(connection, c, True))
            rows["arr_facets"].append(ms)
        mismatches += (fast.total, fast.work_ids) != (slow.total, slow.work_ids)
        mismatches += (fast.total, fast.work_ids) != (arr_total, arr_ids)
        totals.append(fast.total)
        print(f"\r  {label} query {number + 1}/{len(queries)}", end="", file=sys.stderr)
    print(file=sys.stderr)
    median_matches = statistics.median(totals)
    print(f"\n{label} queries: matches per query p50 {median_matches:,.0f}, max {max(totals):,}")
    print(f"{'what':<46} {'queries':>7} {'p50 ms':>9} {'p95 ms':>9} {'max ms':>9}")
    for key, title in ROWS:
        print(f"{title:<46} {len(rows[key]):>7} {summary(rows[key])}")
    speedup = statistics.median(rows["sql"]) / statistics.median(rows["idx"])
    print(
        f"p50 speed-up over plain SQL, filter + count + page: {speedup:.0f}x; "
        f"results unlike either PostgreSQL layout: {mismatches}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--works", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--broad", type=int, default=60, help="broad fandom-page queries")
    parser.add_argument("--sql-facet-queries", type=int, default=50, help="SQL facets are slow")
    parser.add_argument("--snapshot", help="map the index from this file (written if missing)")
    args = parser.parse_args()
    index = indexed_corpus(BENCH_URL, args.works, args.snapshot)
    with psycopg.connect(BENCH_URL, autocommit=True) as connection:
        build_arrays(connection)
        main_queries = realistic_queries(index, args.queries)
        run_queries("main", main_queries, index, args.sql_facet_queries, connection)
        broad = broad_queries(index, args.broad)
        run_queries("broad", broad, index, args.sql_facet_queries, connection)
    print(f"\nprocess RSS at the end: {rss_mib():,.0f} MiB; load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()

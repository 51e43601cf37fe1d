"""The works filter at archive scale: Fanfold's index beside plain SQL on PostgreSQL.

Loads (once) a synthetic corpus into its own PostgreSQL database, builds the index, then
runs realistic random filters through both and prints p50/p95/max side by side, with the
index build time and memory. Usage: bench/filter.py [--works 1000000] [--queries 200]
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


def indexed_corpus(url: str, works: int) -> tuple[object, float, float]:
    """The synthetic corpus in its own database (made once), and the index built from it:
    (index, build milliseconds, MiB of RSS the build added)."""
    ensure_database(url)
    setup_django(url)
    load_corpus(url, works)
    from fanfold.search.registry import build_index

    before = rss_mib()
    build_ms, index = timed(build_index)
    return index, build_ms, rss_mib() - before


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
    ("idx_facets", "Fanfold index: ... + exact facets"),
    ("sql_facets", "PostgreSQL SQL: ... + exact facets"),
)


def run_queries(label: str, queries, index, sql_facet_queries: int) -> None:
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
        if number < sql_facet_queries:
            ms, _ = timed(lambda c=criteria: sql_search(c, guest, 0, 20, facets=True))
            rows["sql_facets"].append(ms)
        mismatches += (fast.total, fast.work_ids) != (slow.total, slow.work_ids)
        totals.append(fast.total)
        print(f"\r  {label} query {number + 1}/{len(queries)}", end="", file=sys.stderr)
    print(file=sys.stderr)
    median_matches = statistics.median(totals)
    print(f"\n{label} queries: matches per query p50 {median_matches:,.0f}, max {max(totals):,}")
    print(f"{'what':<46} {'queries':>7} {'p50 ms':>9} {'p95 ms':>9} {'max ms':>9}")
    for key, title in ROWS:
        print(f"{title:<46} {len(rows[key]):>7} {summary(rows[key])}")
    speedup = statistics.median(rows["sql"]) / statistics.median(rows["idx"])
    print(f"p50 speed-up, filter + count + page: {speedup:.0f}x; results unlike SQL: {mismatches}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--works", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--broad", type=int, default=60, help="broad fandom-page queries")
    parser.add_argument("--sql-facet-queries", type=int, default=50, help="SQL facets are slow")
    args = parser.parse_args()
    index, build_ms, index_mib = indexed_corpus(BENCH_URL, args.works)
    print(
        f"{index.size:,} works; index build {build_ms / 1000:.1f} s; index {index_mib:,.0f} MiB RSS"
    )
    run_queries("main", realistic_queries(index, args.queries), index, args.sql_facet_queries)
    run_queries("broad", broad_queries(index, args.broad), index, args.sql_facet_queries)
    print(f"\nprocess RSS at the end: {rss_mib():,.0f} MiB")


if __name__ == "__main__":
    main()

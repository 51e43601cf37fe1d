"""Full-text search at archive scale: Fanfold's index beside PostgreSQL full-text search and tantivy.

Loads (once) a synthetic corpus with summaries into its own PostgreSQL database, builds
Fanfold's index, a tsvector + GIN table (the baseline) and a tantivy index over the same
text, then runs any-field queries of 1-4 words, with and without a fandom filter, through
each, and prints p50/p95/max side by side with build times and memory. Every engine
returns an exact total and the first page by relevance. Usage:
bench/search.py [--works 1000000] [--queries 200] [--snapshot FILE]
"""

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time

from filter import indexed_corpus, rss_mib, summary, timed  # bench/filter.py

BENCH_URL = os.environ.get(
    "FANFOLD_SEARCH_BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/fanfold_search_bench"
)


# --- the PostgreSQL baseline: one tsvector per work (title weighted), GIN ---------------------

TABLE_SQL = """
DROP TABLE IF EXISTS bench_search;
CREATE TABLE bench_search AS
SELECT w.id,
       NOT w.restricted AND NOT w.hidden_by_admin AND NOT w.unrevealed AND w.posted AS public,
       setweight(to_tsvector('simple', w.title), 'A')
       || setweight(to_tsvector('simple', coalesce(c.names, '')), 'B')
       || to_tsvector('simple', regexp_replace(w.summary || ' ' || w.notes || ' ' || w.end_notes, '<[^>]*>', ' ', 'g'))
       || setweight(to_tsvector('simple', coalesce(t.names, '')), 'C') AS tsv
FROM works_work w
LEFT JOIN (SELECT cs.work_id, string_agg(p.name || ' ' || u.username, ' ') AS names
           FROM works_creatorship cs JOIN accounts_pseud p ON p.id = cs.pseud_id
           JOIN accounts_user u ON u.id = p.user_id GROUP BY cs.work_id) c ON c.work_id = w.id
LEFT JOIN (SELECT f.work_id, string_agg(tag.name, ' ') AS names
           FROM search_filtertagging f JOIN tags_tag tag ON tag.id = f.tag_id
           GROUP BY f.work_id) t ON t.work_id = w.id;
CREATE INDEX bench_search_tsv ON bench_search USING gin (tsv);
ALTER TABLE bench_search ADD PRIMARY KEY (id);
ANALYZE bench_search;
"""
MATCHES = """
WITH m AS MATERIALIZED (
  SELECT id, tsv FROM bench_search
  WHERE public AND tsv @@ to_tsquery('simple', %(q)s) {filter}
)"""
FILTER = "AND EXISTS (SELECT 1 FROM search_filtertagging f WHERE f.work_id = bench_search.id AND f.tag_id = %(tag)s)"
PAGE = """
SELECT (SELECT count(*) FROM m),
       array(SELECT id FROM m ORDER BY ts_rank(tsv, to_tsquery('simple', %(q)s)) DESC, id DESC LIMIT 20)"""
FACETS = """, c AS (SELECT f.tag_id, count(*) AS n FROM search_filtertagging f JOIN m ON m.id = f.work_id GROUP BY f.tag_id)
SELECT type, tag_id, n FROM (
  SELECT t.type, c.tag_id, c.n, row_number() OVER (PARTITION BY t.type ORDER BY c.n DESC, c.tag_id) AS r
  FROM c JOIN tags_tag t ON t.id = c.tag_id) ranked WHERE r <= 10"""


def build_baseline(connection) -> tuple[float, float]:
    exists = connection.execute("SELECT to_regclass('bench_search')").fetchone()[0]
    start = time.perf_counter()
    if not exists:
        connection.execute(TABLE_SQL)
    size = connection.execute("SELECT pg_total_relation_size('bench_search')").fetchone()[0]
    return time.perf_counter() - start, size / 2**20


def baseline_search(connection, words: list[str], tag: int | None, facets: bool):
    params = {"q": " & ".join(words), "tag": tag}
    matches = MATCHES.format(filter=FILTER if tag else "")
    total, ids = connection.execute(matches + PAGE, params).fetchone()
    if facets:
        connection.execute(matches + FACETS, params).fetchall()
    return total, ids


# --- tantivy, beside the index ---------------------------------------------------------------


def build_tantivy(index, path: str):
    import numpy as np
    import tantivy

    from fanfold.search.textsearch import DOC_FIELDS

    schema = tantivy.SchemaBuilder()
    schema.add_text_field("title", stored=False)
    schema.add_text_field("body", stored=False)
    schema.add_integer_field("tags", indexed=True)
    schema.add_integer_field("id", stored=True, fast=True)
    built = schema.build()
    engine = tantivy.Index(built, path=path)
    writer = engine.writer(heap_size=200_000_000, num_threads=1)
    text = index.text
    words = np.empty(len(text.vocabulary.ids), dtype=object)
    words[text.vocabulary.sorted_ids] = list(text.vocabulary.sorted_words)
    public = index.by_status[0]
    tag_names = _tag_text(index)
    for doc in public:
        fields = [" ".join(words[text.documents.words_of(doc, f)]) for f in range(len(DOC_FIELDS))]
        tags = index.tag_values[index.tag_offsets[doc] : index.tag_offsets[doc + 1]]
        writer.add_document(
            tantivy.Document(
                title=fields[0],
                body=" ".join(fields[1:] + [tag_names[t] for t in tags.tolist()]),
                tags=[int(index.tag_ids[t]) for t in tags.tolist()],
                id=int(index.columns["work_id"][doc]),
            )
        )
    writer.commit()
    writer.wait_merging_threads()
    engine.reload()
    return engine


def _tag_text(index) -> dict[int, str]:
    from fanfold.tags.models import Tag

    names = dict(Tag.objects.values_list("id", "name"))
    return {
        dense: names.get(int(tag_id), "") for dense, tag_id in enumerate(index.tag_ids.values())
    }


def tantivy_search(engine, words: list[str], tag: int | None):
    text = " ".join(f"+{word}" for word in words) + (f" +tags:{tag}" if tag else "")
    query = engine.parse_query(text, ["title", "body"])
    result = engine.searcher().search(query, 20, count=True)
    return result.count


# --- queries -----------------------------------------------------------------------------------


def realistic_queries(index, count: int, seed: int = 21) -> list[tuple[list[str], int | None]]:
    """Words a reader would type: 1-4 words of a random work's summary, title or tags; half
    the queries also filter on a fandom of that work (a search within a fandom)."""
    from fanfold.tags.models import Tag, TagType

    rng = random.Random(seed)
    text = index.text
    vocabulary = text.vocabulary
    words = dict(zip(vocabulary.sorted_ids.tolist(), vocabulary.sorted_words, strict=True))
    fandoms = set(Tag.objects.filter(type=TagType.FANDOM).values_list("id", flat=True))
    queries = []
    public = index.by_status[0]
    while len(queries) < count:
        doc = public[rng.randrange(len(public))]
        pool = [
            w for field in (0, 2) for w in text.documents.words_of(doc, field)
        ]  # title, summary
        pool = [words[w] for w in pool if words[w].isalpha()]
        if not pool:
            continue
        chosen = rng.sample(sorted(set(pool)), k=min(len(set(pool)), rng.randint(1, 4)))
        tags = [
            int(index.tag_ids[t])
            for t in index.tag_values[index.tag_offsets[doc] : index.tag_offsets[doc + 1]]
        ]
        in_fandoms = [t for t in tags if t in fandoms]
        tag = rng.choice(in_fandoms) if in_fandoms and len(queries) % 2 else None
        queries.append((chosen, tag))
    return queries


ROWS = (
    ("idx", "Fanfold index: query + exact total + page 1"),
    ("idx_facets", "Fanfold index: ... + exact facets"),
    ("idx_cpu", "  the same, CPU time of the thread"),
    ("idx_facets_cpu", "  ... + exact facets, CPU time of the thread"),
    ("tantivy", "tantivy: query + exact total + top 20"),
    ("pg", "PostgreSQL tsvector+GIN: total + page 1"),
    ("pg_facets", "PostgreSQL tsvector+GIN: ... + facets"),
)


def timed_with_cpu(function) -> tuple[float, float, object]:
    """Wall and CPU milliseconds of one call. On a shared machine the wall time includes
    waiting for a core; the thread's CPU time does not, so two runs compare better by it."""
    wall, cpu = time.perf_counter(), time.thread_time()
    result = function()
    return (time.perf_counter() - wall) * 1000, (time.thread_time() - cpu) * 1000, result


def measure(queries, index, engine, connection, pg_facet_queries: int) -> list[dict]:
    """Times each query on every engine; one dict of milliseconds (and facts) per query."""
    from fanfold.search.criteria import Audience, Criteria
    from fanfold.search.query import parse_query

    measured = []
    for number, (words, tag) in enumerate(queries):
        criteria = Criteria(
            text=parse_query(" ".join(words)),
            include_tag_ids=frozenset({tag}) if tag else frozenset(),
            sort="_score",
        )
        row: dict = {"filtered": tag is not None}
        row["idx"], row["idx_cpu"], found = timed_with_cpu(
            lambda c=criteria: index.search(c, Audience(), 0, 20, facets=False)
        )
        row["idx_facets"], row["idx_facets_cpu"], _ = timed_with_cpu(
            lambda c=criteria: index.search(c, Audience(), 0, 20, facets=True)
        )
        if engine is not None:
            row["tantivy"], _ = timed(lambda w=words, t=tag: tantivy_search(engine, w, t))
        row["pg"], (pg_total, _) = timed(
            lambda w=words, t=tag: baseline_search(connection, w, t, False)
        )
        if number < pg_facet_queries:
            row["pg_facets"], _ = timed(
                lambda w=words, t=tag: baseline_search(connection, w, t, True)
            )
        row["total"], row["differs"] = found.total, found.total != pg_total
        measured.append(row)
        print(f"\r  query {number + 1}/{len(queries)}", end="", file=sys.stderr)
    print(file=sys.stderr)
    return measured


def report(label: str, measured: list[dict]) -> None:
    totals = [row["total"] for row in measured]
    print(
        f"\n{label}: {len(measured)} queries, matches p50 {statistics.median(totals):,.0f}, max {max(totals):,}"
    )
    differ = sum(row["differs"] for row in measured)
    print(f"  totals unlike PostgreSQL's (its tokeniser, and no synonyms): {differ}")
    print(f"{'what':<46} {'queries':>7} {'p50 ms':>9} {'p95 ms':>9} {'max ms':>9}")
    for key, title in ROWS:
        samples = [row[key] for row in measured if key in row]
        if samples:
            print(f"{title:<46} {len(samples):>7} {summary(samples)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--works", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument(
        "--pg-facet-queries", type=int, default=60, help="PostgreSQL facets are slow"
    )
    parser.add_argument("--no-tantivy", action="store_true")
    parser.add_argument("--snapshot", help="map the index from this file (written if missing)")
    args = parser.parse_args()
    index = indexed_corpus(BENCH_URL, args.works, args.snapshot)
    import psycopg

    text = index.text
    postings = text.documents.nbytes + text.tags.nbytes
    print(
        f"Fanfold index (filters + text): word postings and forward arrays {postings / 2**20:,.0f} MiB"
    )
    with psycopg.connect(BENCH_URL, autocommit=True) as connection:
        seconds, size = build_baseline(connection)
        print(
            f"PostgreSQL tsvector table + GIN: {size:,.0f} MiB on disk (built in {seconds:.0f} s, once)"
        )
        engine, folder = None, None
        if not args.no_tantivy:
            folder = tempfile.mkdtemp(prefix="fanfold-tantivy-")
            before = rss_mib()
            ms, engine = timed(lambda: build_tantivy(index, folder))
            disk = sum(os.path.getsize(os.path.join(folder, f)) for f in os.listdir(folder)) / 2**20
            print(
                f"tantivy (public works only): built in {ms / 1000:.1f} s; {disk:,.0f} MiB on disk, {rss_mib() - before:,.0f} MiB RSS"
            )
        queries = realistic_queries(index, args.queries)
        measured = measure(queries, index, engine, connection, args.pg_facet_queries)
        report("all queries", measured)
        report("any field, no filter", [row for row in measured if not row["filtered"]])
        report("any field within a fandom", [row for row in measured if row["filtered"]])
        if folder:
            shutil.rmtree(folder)
    print(f"\nprocess RSS at the end: {rss_mib():,.0f} MiB; load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()

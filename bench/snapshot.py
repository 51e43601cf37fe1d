"""One filter index per node: worker processes mapping the snapshot beside a process that
builds its own index, on bench/filter.py's corpus (--snapshot FILE is written when missing).

Starts W workers that map the snapshot and answer the same filter, facet and text queries,
then reads each one's PSS from /proc/<pid>/smaps_rollup (pages shared between them are
split among them, so the sum is what the node holds) and prints it beside the baseline: one
process that builds its own index from the database and answers the same queries; nothing
of it is shared, so W such workers hold W times its PSS. Also prints a worker's time to
ready (Python and Django started, snapshot mapped, change log replayed, first query
answered) and how long a change takes to show in every running worker.
Usage: bench/snapshot.py [--workers 2] [--snapshot FILE] [--queries 100]
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time

from filter import BENCH_URL, indexed_corpus, setup_django

STARTED = time.perf_counter()


# --- a worker: one app process's index, driven over stdin/stdout -----------------------------


def worker(queries: int) -> None:
    setup_django(BENCH_URL)
    from fanfold.search.criteria import Audience, Criteria
    from fanfold.search.query import parse_query
    from fanfold.search.registry import current_index
    from filter import broad_queries, realistic_queries
    from search import realistic_queries as text_queries  # bench/search.py

    django_ready = time.perf_counter()
    index = current_index()
    index.search(Criteria(), Audience(), 0, 20)
    now = time.perf_counter()
    print(f"ready {now - STARTED:.2f} {now - django_ready:.2f}", flush=True)
    for criteria in realistic_queries(index, queries) + broad_queries(index, queries // 3):
        index.search(criteria, Audience(), 0, 20)
    for words, tag in text_queries(index, queries):
        text = Criteria(
            text=parse_query(" ".join(words)),
            include_tag_ids=frozenset({tag}) if tag else frozenset(),
            sort="_score",
        )
        index.search(text, Audience(), 0, 20)
    print("done", flush=True)
    for line in sys.stdin:
        work_id, kudos, changed_at = line.split()
        print(f"visible {_wait_for(int(work_id), int(kudos), float(changed_at)):.3f}", flush=True)


def _wait_for(work_id: int, kudos: int, changed_at: float) -> float:
    """Seconds from the change's commit until this process's index answers with it."""
    from fanfold.search.registry import current_index

    while True:
        index = current_index()
        doc = index.doc_of_work.get(work_id)
        if doc is not None and index.columns["kudos"][doc] == kudos:
            return time.time() - changed_at
        time.sleep(0.02)


# --- the parent: starts workers, reads their memory ------------------------------------------


def start_worker(snapshot: str, queries: int) -> subprocess.Popen:
    environment = {**os.environ, "FANFOLD_INDEX_SNAPSHOT": snapshot}
    return subprocess.Popen(  # noqa: S603 (this script, run again as a worker)
        [sys.executable, __file__, "--worker", "--queries", str(queries)],
        env=environment,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=os.path.dirname(os.path.abspath(__file__)),
    )


def expect(process: subprocess.Popen, word: str) -> str:
    assert process.stdout is not None
    line = process.stdout.readline().strip()
    if not line.startswith(word):
        raise RuntimeError(f"worker {process.pid} said {line!r}, expected {word}")
    return line.removeprefix(word).strip()


def memory_mib(pid: int) -> dict[str, float]:
    """PSS, RSS and private pages of a process, from the kernel's rollup of its mappings."""
    found = {}
    with open(f"/proc/{pid}/smaps_rollup") as rollup:
        for line in rollup:
            key, _, rest = line.partition(":")
            if key in {"Rss", "Pss", "Private_Clean", "Private_Dirty"}:
                found[key] = int(rest.split()[0]) / 1024
    return found


def make_a_change() -> tuple[int, int, float]:
    from django.db.models import F

    from fanfold.search.filtertags import mark_works_changed
    from fanfold.works.models import Work

    work_id = Work.objects.filter(posted=True).order_by("id").values_list("id", flat=True)[0]
    Work.objects.filter(pk=work_id).update(kudos_count=F("kudos_count") + 1)
    mark_works_changed([work_id])
    kudos = Work.objects.get(pk=work_id).kudos_count
    return work_id, kudos, time.time()


def measure(snapshot: str, workers: int, queries: int) -> dict:
    processes = [start_worker(snapshot, queries) for _ in range(workers)]
    ready = [[float(s) for s in expect(p, "ready").split()] for p in processes]
    for process in processes:
        expect(process, "done")
    memory = [memory_mib(p.pid) for p in processes]
    visible = []
    if snapshot:
        work_id, kudos, changed_at = make_a_change()
        for process in processes:
            assert process.stdin is not None
            process.stdin.write(f"{work_id} {kudos} {changed_at}\n")
            process.stdin.flush()
        visible = [float(expect(p, "visible")) for p in processes]
    for process in processes:
        assert process.stdin is not None
        process.stdin.close()
        process.wait()
    return {"ready": ready, "memory": memory, "visible": visible}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--queries", type=int, default=100)
    parser.add_argument(
        "--snapshot", default=os.path.join(tempfile.gettempdir(), "fanfold-bench-index.snapshot")
    )
    parser.add_argument("--no-baseline", action="store_true", help="skip building an own index")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.queries)
        return
    if os.path.exists(args.snapshot):
        setup_django(BENCH_URL)  # mapping it here too would take a share of the workers' PSS
        print(f"load average at the start: {os.getloadavg()[0]:.1f} (2 cores, shared)")
    else:
        indexed_corpus(BENCH_URL, 0, args.snapshot)  # built and written once; workers map it
    size = os.path.getsize(args.snapshot) / 2**20
    mapped = measure(args.snapshot, args.workers, args.queries)
    unknown = {
        "ready": [[float("nan")] * 2],
        "memory": [dict.fromkeys(["Pss", "Rss"], float("nan"))],
    }
    built = unknown if args.no_baseline else measure("", 1, args.queries)
    report(args, size, mapped, built)


def report(args, size: float, mapped: dict, built: dict) -> None:
    w = args.workers
    pss = sum(m["Pss"] for m in mapped["memory"])
    private = sum(m["Private_Dirty"] + m["Private_Clean"] for m in mapped["memory"])
    own = built["memory"][0]["Pss"]
    print(f"\nsnapshot {args.snapshot}: {size:,.0f} MiB on disk")
    print(f"{'what':<52} {'snapshot':>12} {'own index':>12}")
    print(f"{f'node memory, {w} workers (sum of PSS), MiB':<52} {pss:>12,.0f} {w * own:>12,.0f}")
    print(f"{'  of which private to the workers, MiB':<52} {private:>12,.0f} {w * own:>12,.0f}")
    rss = max(m["Rss"] for m in mapped["memory"])
    print(f"{'largest worker RSS, MiB':<52} {rss:>12,.0f} {built['memory'][0]['Rss']:>12,.0f}")
    titles = ["worker ready: start to first answer, s", "  of which the index (after Django), s"]
    for part, title in enumerate(titles):
        ready = max(times[part] for times in mapped["ready"])
        print(f"{title:<52} {ready:>12.2f} {built['ready'][0][part]:>12.2f}")
    slowest = max(mapped["visible"])
    print(f"{'a change visible in every worker, s (poll 1 s)':<52} {slowest:>12.2f} {'':>12}")
    print(f"load average at the end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()

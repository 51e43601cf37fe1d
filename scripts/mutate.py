"""Mutation testing of the modules that hold Fanfold's rules, each against its own tests.

`make mutate` runs mutmut over every module in MODULES; `make mutate MODULE=lib/wordcount.py`
over one. Each module is mutated in its own folder under var/mutation/ (a fresh copy each run)
with only the tests listed for it, and the run ends with a table of mutants, kills and scores.
How to read the table and the list of equivalent mutants: docs/testing.md.
"""

import argparse
import fnmatch
import os
import shutil
import subprocess
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "var" / "mutation"
EQUIVALENTS = ROOT / "tests" / "mutation_equivalents.toml"

# Module (under src/fanfold) -> the tests that check it. Each selection is the module's own
# tests plus the tests that reach it through the pages, not the whole suite.
MODULES: dict[str, list[str]] = {
    "lib/wordcount.py": ["tests/lib/test_wordcount.py", "tests/lib/test_wordcount_edges.py"],
    "lib/sanitize.py": [
        "tests/lib/test_sanitize.py",
        "tests/lib/test_sanitize_line_breaks_and_saving.py",
    ],
    "lib/ratelimits.py": [
        "tests/archive/test_rate_limits.py",
        "tests/archive/test_rate_limit_windows.py",
        "tests/archive/test_trusted_proxies.py",
    ],
    "lib/fetching.py": ["tests/downloads/test_images.py", "tests/api/test_archivist_imports.py"],
    "works/visibility.py": [
        "tests/works/test_visibility.py",
        "tests/works/test_anonymous.py",
        "tests/works/test_visibility_edges.py",
        "tests/tags/test_tag_pages.py",  # which tag names a viewer may learn
        "tests/caching/test_query_counts.py",  # is_creator answers from prefetched credits
    ],
    "search/index.py": [
        "tests/search/test_index_matches_sql.py",
        "tests/search/test_index_facets.py",
        "tests/search/test_index_against_brute_force.py",
        "tests/search/test_search_against_plain_sql.py",
        "tests/search/test_search_pages.py",  # bookmark search asks matching_work_ids
    ],
    "search/params.py": [
        "tests/search/test_filter_params.py",
        "tests/search/test_filter_pages.py",
        "tests/search/test_search_pages.py",
        "tests/search/test_feeds_and_saved_filters.py",
    ],
    "search/query.py": [
        "tests/search/test_query_grammar.py",
        "tests/search/test_search_matches_sql.py",
        "tests/search/test_search_against_plain_sql.py",
        "tests/search/test_search_pages.py",
    ],
    "feedback/kudos.py": [
        "tests/feedback/test_kudos_and_hits.py",
        "tests/feedback/test_kudos_rules.py",
        "tests/feedback/test_subscriptions_and_email.py",
        "tests/accounts/test_block_and_mute.py",
    ],
    "feedback/hits.py": [
        "tests/feedback/test_kudos_and_hits.py",
        "tests/feedback/test_stats.py",
        "tests/feedback/test_hit_batches.py",
    ],
    "imports/labels.py": ["tests/imports"],
    "imports/parsers/ao3_html.py": ["tests/imports"],
    "imports/parsers/ao3_text.py": ["tests/imports"],
    "imports/parsers/converted.py": ["tests/imports"],
    "imports/parsers/epub.py": ["tests/imports"],
    "imports/parsers/generic.py": ["tests/imports"],
    "imports/parsers/plain_text.py": ["tests/imports"],
    "imports/parsers/reader_tools.py": ["tests/imports"],
}
# Modules too slow to mutate whole within minutes: only these functions (mutmut name globs)
# are mutated. The index's building and storage helpers are left out; its rules are not.
SUBSETS: dict[str, list[str]] = {
    "search/index.py": [
        "x_title_sort_key__*", "x__epoch__*",
        "xǁFilterIndexǁremove_work__*", "xǁFilterIndexǁupsert__*", "xǁFilterIndexǁpostings__*",
        "xǁFilterIndexǁtag_counts__*", "xǁFilterIndexǁ_allowed__*",
        "xǁFilterIndexǁ_matching_docs__*", "xǁFilterIndexǁ_column_mask__*",
        "xǁFilterIndexǁ_sorted_page__*", "xǁFilterIndexǁ_sort_values__*",
        "xǁFilterIndexǁ_facets__*",
    ],
}  # fmt: skip
# What the mutated copy needs besides src/ and tests/: settings find templates and static
# files next to src/.
SHARED = ["src", "tests", "templates", "static"]
DETECTED = {"killed", "timeout"}


@dataclass
class Score:
    module: str
    statuses: dict[str, str]  # mutant name -> mutmut's status
    equivalent: set[str]

    def count(self, *statuses: str) -> int:
        return sum(
            1
            for name, status in self.statuses.items()
            if status in statuses and name not in self.equivalent
        )

    @property
    def counted(self) -> int:
        return len(self.statuses) - len(self.equivalent)

    @property
    def percent(self) -> float:
        return 100.0 * self.count(*DETECTED) / self.counted if self.counted else 100.0

    @property
    def survivors(self) -> list[str]:
        alive = (n for n, s in self.statuses.items() if s not in DETECTED)
        return sorted(n for n in alive if n not in self.equivalent)


def prepare(folder: Path, module: str, tests: list[str]) -> None:
    """A fresh folder where mutmut sees the project and a config for this module alone."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for name in SHARED:
        (folder / name).symlink_to(ROOT / name)
    options = {
        "source_paths": ["src"],
        "only_mutate": [f"src/fanfold/{module}"],
        "also_copy": ["templates", "static"],
        "pytest_add_cli_args_test_selection": tests,
        # Each session starts from a copy of one migrated database: tests/mutation_database.py.
        "pytest_add_cli_args": [
            *("-p", "no:cacheprovider", "-p", "tests.mutation_database", "--reuse-db"),
            *("--durations=0", "-W", "error"),
        ],
    }
    config = "\n".join(f"{key} = {toml_list(values)}" for key, values in options.items())
    # Each mutant's pytest still checks the migrations and starts Django (a second or two,
    # more on a busy machine); mutmut's default allowance (1 s plus 15 times the tests' time)
    # would call that a timeout.
    config += "\ntimeout_constant = 10.0"
    text = (ROOT / "pyproject.toml").read_text()
    (folder / "pyproject.toml").write_text(f"{text}\n[tool.mutmut]\n{config}\n")


def toml_list(values: list[str]) -> str:
    return "[" + ", ".join(f'"{value}"' for value in values) + "]"


def mutant_globs(module: str, only: list[str]) -> list[str]:
    """Full mutmut name globs for the functions to mutate; empty for the whole module."""
    prefix = "fanfold." + module.removesuffix(".py").replace("/", ".")
    return [f"{prefix}.{glob}" for glob in only or SUBSETS.get(module, [])]


def run_mutmut(folder: Path, children: int, globs: list[str]) -> None:
    # Mutants run on the embedded default: SQLite in memory, the cache in this process.
    env = {
        **os.environ,
        "DATABASE_URL": "",
        "REDIS_URL": "",
        "FANFOLD_MUTATION_DATABASE": str(folder / "template.sqlite3"),
        "FANFOLD_EPUBCHECK": "off",  # 7 s of JVM a mutant; `make test` checks every EPUB
    }
    mutmut = str(Path(sys.executable).parent / "mutmut")
    command = [mutmut, "run", "--max-children", str(children), *globs]
    with open(folder / "mutmut.log", "w") as log:
        subprocess.run(
            command, cwd=folder, env=env, stdout=log, stderr=subprocess.STDOUT, check=True
        )


def read_score(folder: Path, module: str, globs: list[str], equivalents: dict[str, str]) -> Score:
    """Statuses from mutmut's own records; listed equivalents that still survive unchanged."""
    from mutmut import configuration
    from mutmut.__main__ import get_diff_for_mutant
    from mutmut.mutation.data import SourceFileMutationData
    from mutmut.stats import status_by_exit_code

    os.chdir(folder)
    configuration.reset_config()
    data = SourceFileMutationData(path=f"src/fanfold/{module}")
    data.load()
    statuses = {
        name: status_by_exit_code[code]
        for name, code in data.exit_code_by_key.items()
        if not globs or any(fnmatch.fnmatch(name, glob) for glob in globs)
    }
    equivalent = set()
    for name, line in equivalents.items():
        if statuses.get(name) in DETECTED or name not in statuses:
            continue
        # A listed mutant counts as equivalent only while its mutated line is the one described.
        if f"+{line}" in get_diff_for_mutant(name, path=data.path):
            equivalent.add(name)
        else:
            print(f"  {name} changed since it was listed as equivalent: it counts as a survivor")
    os.chdir(ROOT)
    return Score(module + (" (subset)" if globs else ""), statuses, equivalent)


def load_equivalents() -> dict[str, str]:
    listed = tomllib.loads(EQUIVALENTS.read_text())["equivalent"] if EQUIVALENTS.exists() else []
    return {entry["mutant"]: entry["line"] for entry in listed}


def print_table(scores: list[Score]) -> None:
    print("| module | mutants | killed | timeout | survived | no tests | equivalent | score |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for s in scores:
        survived = s.count("survived", "suspicious", "segfault")
        print(
            f"| {s.module} | {len(s.statuses)} | {s.count('killed')} | {s.count('timeout')} "
            f"| {survived} | {s.count('no tests')} | {len(s.equivalent)} | {s.percent:.0f} % |"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "module", nargs="?", help="one module under src/fanfold, e.g. lib/wordcount.py"
    )
    parser.add_argument("--children", type=int, default=2, help="mutants tested at once")
    parser.add_argument(
        "--only", action="append", default=[], help="mutate only these functions (name globs)"
    )
    args = parser.parse_args()
    if args.module and args.module not in MODULES:
        parser.error(f"{args.module} is not one of: {', '.join(MODULES)}")
    equivalents = load_equivalents()
    scores = []
    for module in [args.module] if args.module else list(MODULES):
        folder = WORK / module.replace("/", "-").removesuffix(".py")
        print(f"== {module} ({' '.join(MODULES[module])}); log: {folder / 'mutmut.log'}")
        prepare(folder, module, MODULES[module])
        globs = mutant_globs(module, args.only)
        run_mutmut(folder, args.children, globs)
        score = read_score(folder, module, globs, equivalents)
        for name in score.survivors:
            print(f"  {score.statuses[name]}: {name}")
        scores.append(score)
    print_table(scores)
    if any(s.survivors for s in scores):
        print(
            f"See a mutant: cd {WORK}/<module> && {sys.executable.replace('python', 'mutmut')} show NAME"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

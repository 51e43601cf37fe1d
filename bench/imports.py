"""Import speed: parsing 2,000 AO3-style HTML downloads and 500 EPUBs, then end-to-end imports
into SQLite and PostgreSQL, beside a baseline (reading the same files with lxml alone).

Usage: bench/imports.py [--html 2000] [--epub 500] [--import 200]
"""

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def setup(database_url: str, data_dir: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ["FANFOLD_DATA_DIR"] = data_dir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fanfold.settings")
    import django

    django.setup()


def synthetic_files(
    html_count: int, epub_count: int, folder: Path
) -> tuple[list[Path], list[Path]]:
    from django.conf import settings

    from fanfold.demo.synthetic import WORDS
    from fanfold.downloads.book import work_book
    from fanfold.downloads.content import ChapterContent, TagLine, WorkContent
    from fanfold.downloads.epub import render_epub
    from fanfold.downloads.html_file import render_html
    from fanfold.lib.languages import language_for

    rng = random.Random(5)

    def content(number: int) -> WorkContent:
        chapters = rng.choice([1, 1, 2, 3, 5])
        return WorkContent(
            work_id=number,
            title=f"{rng.choice(WORDS).title()} {rng.choice(WORDS)} {number}",
            creators=[f"writer{number % 50}"],
            url=f"https://archive.example/works/{number}",
            language=language_for("en"),
            tag_lines=[
                TagLine("Rating", ["General Audiences"]),
                TagLine("Archive Warning", ["No Archive Warnings Apply"]),
                TagLine("Fandom", [f"Synthetic Fandom {number % 30}"]),
                TagLine("Characters", [f"Person {number % 7}", f"Person {number % 11}"]),
                TagLine("Additional Tags", [rng.choice(WORDS).title(), "Fluff"]),
            ],
            series=[],
            published="2020-01-01",
            status_label="",
            status_date="",
            words=0,
            chapters_label=f"{chapters}/{chapters}",
            summary="<p>Placeholder words for a benchmark.</p>",
            notes="",
            end_notes="",
            chapters=[
                ChapterContent(n, f"Part {n}", "", "", "", "".join(
                    "<p>" + " ".join(rng.choice(WORDS) for _ in range(90)) + ".</p>" for _ in range(12)
                ))
                for n in range(1, chapters + 1)
            ],
        )  # fmt: skip

    html_files, epub_files = [], []
    for number in range(html_count):
        path = folder / f"work_{number}.html"
        path.write_bytes(render_html(work_book(content(number), settings.SITE_URL)))
        html_files.append(path)
    for number in range(epub_count):
        path = folder / f"book_{number}.epub"
        path.write_bytes(render_epub(work_book(content(100_000 + number), settings.SITE_URL)))
        epub_files.append(path)
    return html_files, epub_files


def rate(label: str, files: list[Path], function) -> None:
    start = time.perf_counter()
    for path in files:
        function(path)
    seconds = time.perf_counter() - start
    speed = (
        f"{len(files) / seconds:>10.0f} files/s"
        if len(files) >= seconds
        else f"{seconds / len(files):>10.2f} s a file"
    )
    print(f"{label:<52} {len(files):>6} {speed}")


def end_to_end(database: str, count: int, folder: Path) -> None:
    from django.core.management import call_command

    from fanfold.accounts.models import User
    from fanfold.imports.reading import Source, parse_source
    from fanfold.imports.writer import import_work

    call_command("migrate", verbosity=0)
    owner, _ = User.objects.get_or_create(
        username="bench_importer", defaults={"email": "bench@example.invalid"}
    )
    files = sorted(folder.glob("work_*.html"))[:count]
    start = time.perf_counter()
    for path in files:
        outcome = parse_source(Source(path.name, path.read_bytes()))
        import_work(outcome.work, owner)
    seconds = time.perf_counter() - start
    print(
        f"{'end to end: parse + write into ' + database:<52} {len(files):>6} {len(files) / seconds:>10.0f} files/s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--html", type=int, default=2000)
    parser.add_argument("--epub", type=int, default=500)
    parser.add_argument("--import", dest="import_count", type=int, default=200)
    parser.add_argument("--end-to-end", help=argparse.SUPPRESS)
    parser.add_argument("--folder", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.end_to_end:  # a child run on one database
        setup(os.environ["DATABASE_URL"], os.environ["FANFOLD_DATA_DIR"])
        end_to_end(args.end_to_end, args.import_count, Path(args.folder))
        return
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        setup("", scratch)
        from lxml import html

        from fanfold.imports.reading import Source, parse_source

        html_files, epub_files = synthetic_files(args.html, args.epub, folder)
        print(f"{'what':<52} {'files':>6} {'rate':>16}   (one process, so per core)")
        rate(
            "baseline: lxml reads the HTML file, nothing more",
            html_files,
            lambda p: html.fromstring(p.read_bytes()),
        )
        rate(
            "Fanfold parses AO3 HTML downloads",
            html_files,
            lambda p: parse_source(Source(p.name, p.read_bytes())),
        )
        rate(
            "Fanfold parses EPUBs",
            epub_files,
            lambda p: parse_source(Source(p.name, p.read_bytes())),
        )
        real_shaped(folder)
        children = (
            ("SQLite", "", scratch),
            (
                "PostgreSQL",
                os.environ.get(
                    "FANFOLD_BENCH_IMPORT_URL",
                    "postgres://postgres@127.0.0.1:5432/fanfold_bench_imports",
                ),
                scratch,
            ),
        )
        for label, url, data_dir in children:
            if url:
                _ensure_database(url)
            env = {**os.environ, "DATABASE_URL": url, "FANFOLD_DATA_DIR": data_dir}
            command = [
                sys.executable,
                __file__,
                "--end-to-end",
                label,
                "--folder",
                scratch,
                "--import",
                str(args.import_count),
            ]
            subprocess.run(command, env=env, check=True)  # noqa: S603 - this same script


def real_shaped(folder: Path) -> None:
    """AO3's own downloads as AO3 renders them, its calibre e-books, and the outside tools."""
    sys.path.insert(0, str(ROOT))  # the fixture generator lives with the tests
    from tests.imports.ao3_download import download_html
    from tests.imports.ao3_works import WORKS

    from fanfold.imports.reading import Source, parse_source

    ebooks = ROOT / "tests" / "imports" / "ao3_ebooks"
    html_files = []
    for number in range(400):
        name, work = list(WORKS.items())[number % len(WORKS)]
        path = folder / f"ao3_{number}_{name}.html"
        path.write_text(download_html(work), encoding="utf-8")
        html_files.append(path)

    def parse(path: Path) -> None:
        outcome = parse_source(Source(path.name, path.read_bytes()))
        assert outcome.work is not None, outcome.error

    rate("Fanfold parses AO3's HTML (otwarchive templates)", html_files, parse)
    rate("Fanfold parses AO3's calibre EPUBs", sorted(ebooks.glob("*.epub")) * 80, parse)
    rate(
        "Fanfold parses AO3's PDFs (pdftotext, pdftohtml)", sorted(ebooks.glob("*.pdf")) * 5, parse
    )
    kindle = sorted(ebooks.glob("*.azw3")) + sorted(ebooks.glob("*.mobi"))
    rate("baseline: ebook-convert AZW3/MOBI to EPUB alone", kindle, _convert_only)
    rate("Fanfold parses AO3's AZW3/MOBI (through ebook-convert)", kindle, parse)


def _convert_only(path: Path) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        subprocess.run(  # noqa: S603 - a fixed program on our own files
            ["ebook-convert", str(path), str(Path(scratch) / "book.epub")],  # noqa: S607
            capture_output=True,
            check=True,
        )


def _ensure_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')


if __name__ == "__main__":
    main()

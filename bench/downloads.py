"""Download generation: Fanfold's HTML, EPUB and PDF beside Calibre's ebook-convert (AO3's way).

Two synthetic works (placeholder words): 100,000 words in 30 chapters, and 5,000 words in
one. Needs no database. Usage: bench/downloads.py [--runs 5]
"""

import argparse
import os
import random
import resource
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fanfold.settings")
import django

django.setup()

from django.conf import settings  # noqa: E402

from fanfold.demo.synthetic import WORDS  # noqa: E402
from fanfold.downloads.book import work_book  # noqa: E402
from fanfold.downloads.content import ChapterContent, TagLine, WorkContent  # noqa: E402
from fanfold.downloads.epub import render_epub  # noqa: E402
from fanfold.downloads.html_file import render_html  # noqa: E402
from fanfold.downloads.pdf import render_pdf  # noqa: E402
from fanfold.lib.languages import language_for  # noqa: E402


def synthetic_work(words: int, chapters: int, seed: int = 3) -> WorkContent:
    rng = random.Random(seed)
    per_chapter = words // chapters

    def body() -> str:
        paragraphs = []
        for _ in range(per_chapter // 80):
            paragraphs.append("<p>" + " ".join(rng.choice(WORDS) for _ in range(80)) + ".</p>")
        return "\n".join(paragraphs)

    return WorkContent(
        work_id=1,
        title=f"A Synthetic Work of {words:,} Words",
        creators=["bench_writer"],
        url=f"{settings.SITE_URL}/works/1",
        language=language_for("en"),
        tag_lines=[
            TagLine("Rating", ["General Audiences"]),
            TagLine("Fandom", ["Synthetic Fandom"]),
        ],
        series=[],
        published="2024-01-01",
        status_label="Completed" if chapters > 1 else "",
        status_date="2024-06-01",
        words=words,
        chapters_label=f"{chapters}/{chapters}",
        summary="<p>Placeholder words for a benchmark.</p>",
        notes="",
        end_notes="<p>End notes.</p>",
        chapters=[
            ChapterContent(n, f"Part {n}", "", "", "", body()) for n in range(1, chapters + 1)
        ],
    )


def timed(function, runs: int) -> tuple[float, float]:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples), max(samples)


def calibre_epub(html: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "work.html"
        source.write_bytes(html)
        subprocess.run(  # noqa: S603 - a fixed program on our own temporary files
            [
                shutil.which("ebook-convert") or "ebook-convert",
                str(source),
                str(Path(folder) / "work.epub"),
            ],
            check=True,
            capture_output=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    calibre = shutil.which("ebook-convert") is not None
    print(f"{'work':<30} {'what':<34} {'p50 ms':>9} {'max ms':>9}")
    for label, words, chapters in (
        ("100,000 words, 30 chapters", 100_000, 30),
        ("5,000 words, 1 chapter", 5_000, 1),
    ):
        content = synthetic_work(words, chapters)
        html = render_html(work_book(content, settings.SITE_URL))
        # HTML and EPUB are timed from the work's content: templates included.
        rows = [
            ("Fanfold HTML", lambda c=content: render_html(work_book(c, settings.SITE_URL))),
            ("Fanfold EPUB", lambda c=content: render_epub(work_book(c, settings.SITE_URL))),
            ("Fanfold PDF", lambda h=html: render_pdf(h, settings.SITE_URL)),
        ]
        if calibre:
            rows.append(("Calibre ebook-convert HTML->EPUB", lambda h=html: calibre_epub(h)))
        results = {}
        for name, function in rows:
            runs = (
                args.runs if "PDF" not in name and "Calibre" not in name else max(2, args.runs // 2)
            )
            results[name] = timed(function, runs)
            print(f"{label:<30} {name:<34} {results[name][0]:>9.1f} {results[name][1]:>9.1f}")
        if calibre:
            ratio = results["Calibre ebook-convert HTML->EPUB"][0] / results["Fanfold EPUB"][0]
            print(f"{label:<30} {'EPUB speed-up over Calibre':<34} {ratio:>8.0f}x")
    if not calibre:
        print("Calibre is not installed (`make calibre`): no ebook-convert baseline this run.")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory of this process: {peak:,.0f} MiB")


if __name__ == "__main__":
    main()

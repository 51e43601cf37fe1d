"""Word counting and sanitising a 100,000-word chapter: Fanfold beside naive baselines.

Baselines, measured in the same run: `len(text.split())` for counting (wrong for CJK,
markup and hyphens, but the floor for speed) and `html.escape` for sanitising (safe but
destroys all formatting: what an archive without an allow-list would have to do).
"""

import html
import random
import statistics
import time

from fanfold.lib.sanitize import sanitize_html
from fanfold.lib.wordcount import count_html

WORDS = ["lantern", "river", "don't", "arm-rest", "tea", "日本語", "한국어", "quiet", "2024", "—"]
RUNS = 7


def synthetic_chapter(words: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    paragraphs = []
    for _ in range(words // 100):
        sentence = " ".join(rng.choice(WORDS) for _ in range(100))
        paragraphs.append(f"<p>{sentence} <em>emphasis</em>.</p>")
    return "\n".join(paragraphs)


def timed(function, argument) -> tuple[float, float]:
    samples = []
    for _ in range(RUNS):
        start = time.perf_counter()
        function(argument)
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples), max(samples)


def main() -> None:
    chapter = synthetic_chapter(100_000)
    rows = [
        ("count words: Fanfold (AO3 rules)", timed(count_html, chapter)),
        ("count words: baseline str.split", timed(lambda text: len(text.split()), chapter)),
        ("sanitise: Fanfold (nh3 allow-list)", timed(sanitize_html, chapter)),
        ("sanitise: baseline html.escape", timed(html.escape, chapter)),
    ]
    print(
        f"100,000-word chapter, {len(chapter) / 1e6:.1f} MB of HTML, median and max of {RUNS} runs"
    )
    print(f"{'operation':<40} {'p50 ms':>9} {'max ms':>9}")
    for label, (median, worst) in rows:
        print(f"{label:<40} {median:>9.1f} {worst:>9.1f}")


if __name__ == "__main__":
    main()

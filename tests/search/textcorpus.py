"""The filter corpus with texts: summaries, notes, series, co-created and orphaned-looking works."""

import random

from fanfold.search.filtertags import mark_works_changed
from fanfold.series.models import Series, SeriesWork
from fanfold.works.models import Work
from tests.search.corpus import build_corpus

# Small original vocabulary: accents, apostrophes, CJK, digits and words that are also tag words.
VOCABULARY = [
    "lantern", "river", "quiet", "autumn", "letter", "harbour", "Café", "don't", "snow",
    "fluff", "ann", "story", "red", "字", "字字", "mare-light", "2020", "tea", "comfort",
]  # fmt: skip
SERIES_TITLES = ["The Long Way Home", "Letters in Autumn", "Red Harbour Days"]


def _sentence(rng: random.Random, count: int) -> str:
    return " ".join(rng.choice(VOCABULARY) for _ in range(count))


def build_text_corpus(size: int, seed: int = 11) -> list[Work]:
    rng = random.Random(seed)
    works = build_corpus(size, seed)
    series = [Series.objects.create(title=title) for title in SERIES_TITLES]
    for work in works:
        summary = f"<p>{_sentence(rng, rng.randint(0, 12))}</p><p><em>{_sentence(rng, 2)}</em></p>"
        notes = _sentence(rng, rng.randint(0, 4))
        end_notes = f"<p>{_sentence(rng, rng.randint(0, 3))} &amp; more</p>"
        Work.objects.filter(pk=work.pk).update(summary=summary, notes=notes, end_notes=end_notes)
        if rng.random() < 0.3:
            SeriesWork.objects.create(series=rng.choice(series), work=work)
    mark_works_changed(work.pk for work in works)
    return works

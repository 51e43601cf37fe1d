"""A small random archive with wrangled tags, for comparing the index with SQL."""

import datetime
import random

from fanfold.tags.models import RATINGS, WARNINGS, MetaTagging, Tag, TagType
from fanfold.works.chapters import add_chapter
from fanfold.works.models import Chapter, Work
from tests.factories import UserFactory, WorkFactory

FANDOMS = ["Fandom A", "Fandom B", "Fandom C", "Fandom A - Film", "Fandom D"]
CHARACTERS = ["Ann", "Ben", "Cai", "Dee", "Eli", "Fay"]
RELATIONSHIPS = ["Ann/Ben", "Cai/Dee", "Ann & Eli", "Ben/Fay"]
FREEFORMS = ["Fluff", "Angst", "Tea", "Letters", "Snow", "fluff and comfort", "Rain"]
LANGUAGES = ["en", "en", "en", "fr", "ja"]


def wrangle() -> None:
    """Synonyms and meta tags, so filtering on canonical tags must find more than tagged."""
    fluff = Tag.objects.create(name="Fluff", type=TagType.FREEFORM, canonical=True)
    Tag.objects.create(name="fluff and comfort", type=TagType.FREEFORM, merger=fluff)
    fandom_a = Tag.objects.create(name="Fandom A", type=TagType.FANDOM, canonical=True)
    film = Tag.objects.create(name="Fandom A - Film", type=TagType.FANDOM, canonical=True)
    MetaTagging.objects.create(meta=fandom_a, sub=film)


def build_corpus(size: int, seed: int = 7) -> list[Work]:
    rng = random.Random(seed)
    wrangle()
    creators = [UserFactory(username=f"creator{n}") for n in range(4)]
    works = []
    for number in range(size):
        work = WorkFactory(
            author=rng.choice(creators),
            title=f"{rng.choice(['The', 'A', ''])} {rng.choice(['Red', 'Blue', 'Quiet'])} Story {number}".strip(),
            rating=rng.choice(RATINGS),
            warnings=tuple(rng.sample(WARNINGS, k=rng.randint(1, 2))),
            fandoms=tuple(rng.sample(FANDOMS, k=rng.choice([1, 1, 1, 2]))),
            relationships=tuple(rng.sample(RELATIONSHIPS, k=rng.randint(0, 2))),
            characters=tuple(rng.sample(CHARACTERS, k=rng.randint(0, 3))),
            freeforms=tuple(rng.sample(FREEFORMS, k=rng.randint(0, 3))),
            body="<p>" + " ".join(["word"] * rng.randint(1, 60)) + "</p>",
            language=rng.choice(LANGUAGES),
            expected_chapters=rng.choice([1, 1, 2, None]),
            restricted=rng.random() < 0.2,
            hidden_by_admin=rng.random() < 0.1,
            anonymous=rng.random() < 0.1,
            published_on=datetime.date(2020, 1, 1) + datetime.timedelta(days=rng.randint(0, 1500)),
        )
        for _ in range(rng.choice([0, 0, 1, 2])):  # multi-chapter works, for "single chapter"
            add_chapter(work, Chapter(body="<p>more words here</p>"), post=True)
        Work.objects.filter(pk=work.pk).update(
            kudos_count=rng.randint(0, 30),
            hit_count=rng.randint(0, 300),
            comment_count=rng.randint(0, 5),
            bookmark_count=rng.randint(0, 5),
        )
        works.append(work)
    WorkFactory(author=creators[0], posted=False, title="A Draft Nobody Sees")
    return works

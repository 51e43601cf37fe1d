"""factory_boy factories for the fixed cast and their works."""

import factory
from django.utils import timezone

from fanfold.accounts.models import User
from fanfold.works.models import Chapter, Work
from fanfold.works.posting import TagChoices, save_work

PASSWORD = "quiet-lantern-harbour-42"
# The preferences form's reading-page settings as a new account has them (its selects post them).
READING_SETTINGS = {
    "reading_font_size": "medium",
    "reading_line_width": "medium",
    "reading_line_spacing": "normal",
    "reading_typeface": "serif",
}


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"reader{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    email_confirmed_at = factory.LazyFunction(timezone.now)
    password = factory.django.Password(PASSWORD)


class WorkFactory(factory.django.DjangoModelFactory):
    """A work posted through works.posting, as a creator would post it."""

    class Meta:
        model = Work

    title = factory.Sequence(lambda n: f"Work Number {n}")
    summary = "<p>A short summary.</p>"
    expected_chapters = 1

    @classmethod
    def _create(
        cls,
        model_class,
        *args,
        author: User | None = None,
        posted: bool = True,
        rating: str = "General Audiences",
        warnings: tuple[str, ...] = ("No Archive Warnings Apply",),
        categories: tuple[str, ...] = (),
        fandoms: tuple[str, ...] = ("Test Fandom",),
        relationships: tuple[str, ...] = (),
        characters: tuple[str, ...] = (),
        freeforms: tuple[str, ...] = (),
        body: str = "<p>Once upon a time there was a test.</p>",
        published_on=None,
        **fields,
    ) -> Work:
        author = author or UserFactory()
        tags = TagChoices(
            rating=rating,
            warnings=list(warnings),
            categories=list(categories),
            fandoms=list(fandoms),
            relationships=list(relationships),
            characters=list(characters),
            freeforms=list(freeforms),
        )
        return save_work(
            model_class(**fields),
            pseuds=[author.default_pseud],
            tags=tags,
            post=posted,
            first_chapter=Chapter(body=body),
            published_on=published_on,
        )

"""`fanfold demo`: loads the original demo archive; running it again changes nothing."""

import datetime
import random

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from fanfold.accounts.models import Pseud, User
from fanfold.challenges.demo import load_demo_challenges
from fanfold.collections.items import add_work, review_as_collection
from fanfold.collections.membership import create_collection
from fanfold.collections.models import Collection, CollectionItem
from fanfold.demo import content
from fanfold.gifts.giving import set_recipients
from fanfold.series.models import Series
from fanfold.series.placement import SeriesPlacement, save_work_in_series
from fanfold.tags import wrangling
from fanfold.tags.models import Tag, TagType
from fanfold.works.chapters import add_chapter
from fanfold.works.models import Chapter, CommentPermission, Work
from fanfold.works.posting import TagChoices

WORK_COUNT = 30
SERIES_TITLE = "The Long Way Home"
FESTIVAL, EXCHANGE, EXCHANGE_OWNER = "Lantern_Festival", "Winter_Letters", "teacup_archivist"


class Command(BaseCommand):
    help = "Load the demo archive: users, pseuds and about 30 original all-ages works."

    def handle(self, *args, **options) -> None:
        if settings.PRODUCTION:
            raise CommandError("Demo data has known passwords; it is refused in production.")
        rng = random.Random(2026)  # the same archive on every machine
        users = self._users()
        created = 0
        for index in range(WORK_COUNT):
            spec = _work_spec(rng, index, users)
            if self._post(spec):
                created += 1
            self.stdout.write(f"\rDemo works: {index + 1}/{WORK_COUNT}", ending="")
        self.stdout.write("")
        self._wrangle()
        _collections_and_gifts(users)
        load_demo_challenges(User.objects.get(username="ink_and_ivy"))
        self.stdout.write(
            self.style.SUCCESS(f"Demo archive ready: {created} new works.")
            + f" Log in as any of {', '.join(content.USERS)} (or the volunteers "
            f"{_volunteers()}) with password {content.DEMO_PASSWORD!r}. "
            f"{EXCHANGE_OWNER} maintains the unrevealed exchange /collections/{EXCHANGE} and "
            "can reveal it."
        )

    def _wrangle(self) -> None:
        """Canonical fandoms under their media, characters under their fandoms, a meta tag."""
        books = Tag.objects.get(type=TagType.MEDIA, name="Books & Literature")
        other = Tag.objects.get(type=TagType.MEDIA, name="Other Media")
        for fandom_name, (characters, relationships) in content.FANDOMS.items():
            fandom = Tag.objects.get(type=TagType.FANDOM, name=fandom_name)
            wrangling.make_canonical([fandom])
            wrangling.add_parent(
                [fandom], other if fandom_name in content.ORIGINAL_WORKS else books
            )
            for tag_type, names in (
                (TagType.CHARACTER, characters),
                (TagType.RELATIONSHIP, relationships),
            ):
                tags = list(Tag.objects.filter(type=tag_type, name__in=names))
                wrangling.make_canonical(tags)
                wrangling.add_parent(tags, fandom)
        for meta_name, sub_names in content.META_FANDOMS.items():
            meta, _ = Tag.objects.get_or_create(
                type=TagType.FANDOM, name=meta_name, defaults={"canonical": True}
            )
            wrangling.add_parent([meta], books)
            wrangling.add_meta_tag(
                list(Tag.objects.filter(type=TagType.FANDOM, name__in=sub_names)), meta
            )

    def _users(self) -> list[User]:
        users = []
        for username, extra_pseuds in content.USERS.items():
            user = _demo_user(username)
            for name in extra_pseuds:
                Pseud.objects.get_or_create(user=user, name=name)
            users.append(user)
        for username, group in content.STAFF.items():
            volunteer = _demo_user(username)
            if group:
                volunteer.groups.add(Group.objects.get(name=group))
            else:
                volunteer.is_staff = volunteer.is_superuser = True
                volunteer.save(update_fields=["is_staff", "is_superuser"])
        return users

    @transaction.atomic
    def _post(self, spec: dict) -> bool:
        pseud = spec["pseud"]
        if Work.objects.filter(title=spec["title"], creatorships__pseud=pseud).exists():
            return False
        chapters = spec["chapters"]
        work = save_work_in_series(
            spec["work"],
            pseuds=[pseud],
            tags=spec["tags"],
            post=spec["post"],
            first_chapter=chapters[0],
            published_on=spec["published_on"],
            series=spec["series"],
        )
        for offset, chapter in enumerate(chapters[1:], start=1):
            later = spec["published_on"] + datetime.timedelta(days=9 * offset)
            add_chapter(work, chapter, post=True, published_on=later)
        return True


def _work_spec(rng: random.Random, index: int, users: list[User]) -> dict:
    fandom = list(content.FANDOMS)[index % len(content.FANDOMS)]
    characters, relationships = content.FANDOMS[fandom]
    cast = rng.sample(characters, k=min(len(characters), rng.randint(2, 3)))
    names = {"a": cast[0], "b": cast[1]}
    user = users[index % len(users)]
    chapter_total = 1 if index % 3 else rng.randint(2, 4)
    rating = "Mature" if index == 7 else rng.choice(["General Audiences", "Teen And Up Audiences"])
    work = Work(
        title=content.TITLES[index],
        summary=rng.choice(content.SUMMARIES).format(**names),
        notes=rng.choice(content.NOTES),
        end_notes="Thank you for reading. Kind words are always welcome." if index % 4 == 0 else "",
        language="en",
        expected_chapters=chapter_total if index % 5 else None,
        restricted=index == 11,
        comment_permission=CommentPermission.EVERYONE if index % 2 else CommentPermission.USERS,
    )
    days_ago = 700 - index * 22
    return {
        "title": work.title,
        "pseud": user.pseuds.order_by("-is_default", "id")[index % user.pseuds.count()],
        "work": work,
        "post": index != 13,  # one draft
        "published_on": timezone.localdate() - datetime.timedelta(days=days_ago),
        "series": _series_for(index, users),
        "tags": TagChoices(
            rating=rating,
            warnings=["No Archive Warnings Apply"]
            if index != 7
            else ["Choose Not To Use Archive Warnings"],
            categories=["Gen"] if "&" in relationships[0] else ["F/M"],
            fandoms=[fandom],
            relationships=rng.sample(relationships, k=1),
            characters=cast,
            freeforms=rng.sample(content.FREEFORMS, k=rng.randint(2, 4)),
        ),
        "chapters": [_chapter(rng, names, number) for number in range(chapter_total)],
    }


def _series_for(index: int, users: list[User]) -> SeriesPlacement | None:
    # Works 0, 5, 10 (all by the first user, in one fandom family) form the demo series.
    if index not in (0, 5, 10):
        return None
    existing = Series.objects.filter(title=SERIES_TITLE, creators__user=users[0]).first()
    return SeriesPlacement(series=existing, new_title=SERIES_TITLE, position=index // 5 + 1)


def _chapter(rng: random.Random, names: dict, number: int) -> Chapter:
    paragraphs = rng.sample(content.PARAGRAPHS, k=rng.randint(5, 9))
    body = "\n\n".join(paragraph.format(**names) for paragraph in paragraphs)
    return Chapter(
        title=content.CHAPTER_TITLES[number] if number or rng.random() < 0.5 else "",
        body=body,
        notes=content.NOTES[number % len(content.NOTES)] if number else "",
    )


def _demo_user(username: str) -> User:
    user, made = User.objects.get_or_create(
        username=username,
        defaults={"email": f"{username}@example.org", "email_confirmed_at": timezone.now()},
    )
    if made:
        user.set_password(content.DEMO_PASSWORD)
        user.save()
    return user


def _volunteers() -> str:
    return ", ".join(f"{name}: {group or 'admin'}" for name, group in content.STAFF.items())


def _collections_and_gifts(users: list[User]) -> None:
    """An open festival, and a moderated unrevealed anonymous exchange of gifts that its
    maintainer can reveal; items are added only once, so a reveal survives a re-run."""
    festival = _demo_collection(
        users[0], FESTIVAL, "Lantern Festival", "<p>Stories lit by lamps, all welcome.</p>"
    )
    maintainer = User.objects.get(username=EXCHANGE_OWNER)
    exchange = _demo_collection(
        maintainer, EXCHANGE, "Winter Letters", "<p>A small winter gift exchange.</p>",
        moderated=True, unrevealed=True, anonymous=True,
    )  # fmt: skip
    posted = list(Work.objects.filter(posted=True).order_by("id"))
    for work in posted[:5]:
        _add_once(festival, work, work.creator_pseuds[0].user)
    for offset, work in enumerate(posted[-4:]):
        creator = work.creator_pseuds[0].user
        if _add_once(exchange, work, creator):
            item = CollectionItem.objects.get(collection=exchange, work=work)
            review_as_collection(item, maintainer, approve=True)
            others = [user for user in users if user != creator]
            set_recipients(work, [others[offset % len(others)].default_pseud])
    gifts: tuple[Pseud | str, ...] = (users[1].default_pseud, "a friend offline")
    for work, recipient in zip(posted[5:7], gifts, strict=True):
        if not work.gifts.exists():
            set_recipients(work, [recipient])


def _demo_collection(owner: User, name: str, title: str, description: str, **preferences):
    found = Collection.objects.filter(name=name).first()
    if found:
        return found
    collection = Collection(name=name, title=title, description=description, **preferences)
    return create_collection(collection, owner.default_pseud)


def _add_once(collection: Collection, work: Work, creator: User) -> bool:
    if CollectionItem.objects.filter(collection=collection, work=work).exists():
        return False
    add_work(collection, work, creator)
    return True

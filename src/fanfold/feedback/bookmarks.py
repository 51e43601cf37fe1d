"""Bookmarks, reading shelves (Marked for Later is "Want to read") and reading history."""

import datetime
from dataclasses import dataclass

import redis
from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Q, QuerySet
from django.db.models.functions import Lower
from django.utils import timezone
from django_tasks import task

from fanfold.accounts.models import User
from fanfold.feedback.models import Bookmark, Reading, Shelf
from fanfold.lib.buffers import ProcessBuffer
from fanfold.lib.redisclient import redis_client
from fanfold.series.models import Series
from fanfold.tags.models import TagType
from fanfold.tags.naming import find_or_create_tags
from fanfold.works.models import Chapter, Work
from fanfold.works.visibility import Viewer


def save_bookmark(
    user: User, target: Work | Series, *, notes: str, tag_names: list[str], private: bool, rec: bool
) -> Bookmark:
    """Creates or updates; a work's public bookmark count moves with what others can see."""
    field = _field_of(target)
    with transaction.atomic():
        bookmark = Bookmark.objects.select_for_update().filter(user=user, **{field: target}).first()
        was_public = bookmark is not None and not bookmark.private
        bookmark = bookmark or Bookmark(user=user, **{field: target})
        bookmark.notes, bookmark.private, bookmark.rec = notes, private, rec
        try:
            bookmark.save()
        except IntegrityError:  # a second tab saved first: update that one instead
            return save_bookmark(
                user, target, notes=notes, tag_names=tag_names, private=private, rec=rec
            )
        bookmark.tags.set(find_or_create_tags(TagType.FREEFORM, tag_names))
        if isinstance(target, Work):
            _recount(target, was_public, not private)
    return bookmark


def _field_of(target: Work | Series) -> str:
    return "work" if isinstance(target, Work) else "series"


@dataclass(frozen=True)
class OwnBookmark:
    """A reader's bookmark as its form shows it, the tags comma-separated."""

    pk: int
    notes: str
    tags: str
    private: bool
    rec: bool


def own_bookmark(user: User, target: Work | Series) -> OwnBookmark | None:
    """One query: the bookmark joined to its tags (a row a tag; one row with none)."""
    field = _field_of(target)
    rows = list(
        Bookmark.objects.filter(user=user, **{field: target})
        .order_by(Lower("tags__name"))
        .values_list("pk", "notes", "private", "rec", "tags__name")
    )
    if not rows:
        return None
    pk, notes, private, rec, _ = rows[0]
    tags = ", ".join(name for *_, name in rows if name is not None)
    return OwnBookmark(pk, notes, tags, private, rec)


def delete_bookmark(bookmark: Bookmark) -> None:
    with transaction.atomic():
        bookmark.delete()
        if bookmark.work is not None:
            _recount(bookmark.work, not bookmark.private, False)


def _recount(work: Work, was_public: bool, is_public: bool) -> None:
    if was_public != is_public:
        Work.objects.filter(pk=work.pk).update(
            bookmark_count=F("bookmark_count") + (1 if is_public else -1)
        )


def bookmarks_visible_to(viewer: Viewer, owner: User) -> QuerySet[Bookmark]:
    bookmarks = owner.bookmarks.select_related("work", "series").prefetch_related("tags")
    return (
        bookmarks
        if viewer.is_authenticated and viewer.pk == owner.pk
        else bookmarks.filter(private=False)
    )


def bookmark_filter(bookmarks: QuerySet[Bookmark], query) -> QuerySet[Bookmark]:
    """AO3's bookmark-only filters; the work filters run through the filter index."""
    if query.get("bookmark_search[rec]") == "T":
        bookmarks = bookmarks.filter(rec=True)
    if query.get("bookmark_search[with_notes]") == "T":
        bookmarks = bookmarks.exclude(notes="")
    names = [
        n.strip()
        for n in query.get("bookmark_search[other_bookmark_tag_names]", "").split(",")
        if n.strip()
    ]
    for name in names:
        bookmarks = bookmarks.filter(tags__name__iexact=name)
    return bookmarks


def put_on_shelf(user: User, work: Work, shelf: str) -> Reading:
    reading, _ = Reading.objects.get_or_create(user=user, work=work)
    reading.shelf = shelf
    reading.save(update_fields=["shelf", "updated_at"])
    return reading


READERS_PENDING = "fanfold:reading:readers"
FLUSH_SCHEDULED = "fanfold:reading:flush-scheduled"
ReadingVisit = tuple[int, int, str, int | None]  # user id, work id, ISO time, chapter id


def record_reading(user: User, work: Work, chapter: Chapter | None) -> None:
    """History, when the reader keeps it: last visit, visit count, last chapter read.

    A page view never writes it to the database: it waits in Redis (when REDIS_URL is set)
    or in this process's memory, and is written in batches, like hits.
    """
    if not user.preference.keep_history:
        return
    visit: ReadingVisit = (user.pk, work.pk, timezone.now().isoformat(), _pk(chapter))
    client = redis_client()
    try:
        if client is not None:
            _remember_in_redis(client, visit)
    except redis.RedisError:
        client = None  # Redis is down: the page is still served, the visit waits in this process
    if client is None:
        _process_visits.add(visit)
    if settings.HITS_FLUSH_SECONDS <= 0:
        flush_reader(user.pk)


def _pk(chapter: Chapter | None) -> int | None:
    return chapter.pk if chapter is not None else None


def _remember_in_redis(client, visit: ReadingVisit) -> None:
    user_id, work_id, when, chapter_id = visit
    key = f"fanfold:reading:{user_id}"
    with client.pipeline() as pipe:
        pipe.hset(key, f"{work_id}:last", f"{when}|{chapter_id or ''}")
        pipe.hincrby(key, f"{work_id}:visits", 1)
        pipe.sadd(READERS_PENDING, user_id)
        pipe.execute()
    seconds = settings.HITS_FLUSH_SECONDS
    if seconds > 0 and client.set(FLUSH_SCHEDULED, 1, nx=True, ex=seconds):
        # Runs when the interval is over, so it takes the whole interval's visits at once.
        later = timezone.now() + datetime.timedelta(seconds=seconds)
        deferred = flush_readings.get_backend().supports_defer
        (flush_readings.using(run_after=later) if deferred else flush_readings).enqueue()


Pending = dict[tuple[int, int], tuple[int, str, int | None]]  # (reader, work): count, latest


def apply_visits(visits: list[ReadingVisit]) -> int:
    """Writes buffered visits: per reader and work, how many and the latest one."""
    pending: Pending = {}
    for user_id, work_id, when, chapter_id in sorted(visits, key=lambda visit: visit[2]):
        count = pending.get((user_id, work_id), (0, "", None))[0]
        pending[(user_id, work_id)] = (count + 1, when, chapter_id)
    _write_pending(pending)
    return len(visits)


def _write_pending(pending: Pending) -> None:
    """One transaction; visits of works or readers deleted meanwhile are dropped."""
    if not pending:
        return  # not even a transaction: on SQLite it would take the write lock
    works = set(Work.objects.filter(pk__in={w for _, w in pending}).values_list("pk", flat=True))
    readers = set(User.objects.filter(pk__in={u for u, _ in pending}).values_list("pk", flat=True))
    with transaction.atomic():
        for (user_id, work_id), (count, when, chapter_id) in pending.items():
            if user_id in readers and work_id in works:
                last = datetime.datetime.fromisoformat(when)
                _write_visits(user_id, work_id, last, chapter_id, count)


_process_visits: ProcessBuffer[ReadingVisit] = ProcessBuffer(apply_visits)


def _write_visits(user_id: int, work_id: int, when, chapter_id: int | None, visits: int) -> None:
    updated = Reading.objects.filter(user_id=user_id, work_id=work_id).update(
        last_visited=when, visits=F("visits") + visits, last_chapter_id=chapter_id
    )
    if not updated:
        try:
            with transaction.atomic():
                Reading.objects.create(
                    user_id=user_id,
                    work_id=work_id,
                    last_visited=when,
                    visits=visits,
                    last_chapter_id=chapter_id,
                )
        except IntegrityError:  # created meanwhile by another process
            _write_visits(user_id, work_id, when, chapter_id, visits)


def flush_reader(user_id: int) -> None:
    """Writes one reader's pending visits (before showing their history). Without Redis only
    this process's buffer is reachable: another process's visits follow within a flush."""
    _process_visits.flush()
    client = redis_client()
    if client is None:
        return
    key = f"fanfold:reading:{user_id}"
    try:
        with client.pipeline() as pipe:  # read and clear in one transaction: no visit is lost
            pipe.hgetall(key)
            pipe.delete(key)
            pending, _ = pipe.execute()
    except redis.RedisError:
        return  # Redis is down: the visits wait there for the next flush; the page is served
    fields = {field.decode(): value.decode() for field, value in pending.items()}
    visits: Pending = {}
    for field, value in fields.items():
        work_id, kind = field.split(":")
        if kind == "last":
            when, _, chapter = value.partition("|")
            count = int(fields.get(f"{work_id}:visits", "1"))
            visits[(user_id, int(work_id))] = (count, when, int(chapter) if chapter else None)
    _write_pending(visits)


@task()
def flush_readings() -> int:
    """Writes every reader's pending visits; safe to run twice and from any process."""
    _process_visits.flush()
    client = redis_client()
    if client is None:
        return 0
    readers = [int(uid) for uid in client.smembers(READERS_PENDING)]
    for user_id in readers:
        client.srem(READERS_PENDING, user_id)
        flush_reader(user_id)
    return len(readers)


def clear_history(user: User) -> None:
    """Forgets visits; what is on a shelf (Marked for Later included) stays."""
    user.readings.filter(shelf="").delete()
    user.readings.update(last_visited=None, visits=0, last_chapter=None)


def shelved(user: User, shelf: str) -> QuerySet[Reading]:
    return user.readings.filter(shelf=shelf).select_related("work")


def finished_work_ids(user: User) -> frozenset[int]:
    return frozenset(user.readings.filter(shelf=Shelf.FINISHED).values_list("work_id", flat=True))


def history(user: User) -> QuerySet[Reading]:
    return user.readings.filter(~Q(last_visited=None)).select_related("work", "last_chapter")

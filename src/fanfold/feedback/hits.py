"""Hits: one per visitor per work per day, never the creator's own views.

A page view never writes to the database. It appends (work, visitor, day) to a buffer: this
process's memory on the embedded default, a Redis list when REDIS_URL is set. Batches are
flushed in one transaction that inserts the Visit rows it does not already have and adds only
the new ones to the counters, so the Visit table is what makes a flush idempotent: a batch
applied twice (a process died after the commit, before forgetting the batch) counts once.
What a crash can lose: on the embedded default, the views this process buffered since its
last flush (at most HITS_FLUSH_SECONDS); with Redis, nothing that reached Redis.
"""

import contextlib
import datetime
import uuid
from collections import Counter
from collections.abc import Iterable

import redis
from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone
from django_tasks import task

from fanfold.feedback.kudos import hashed
from fanfold.feedback.models import DailyHits, Visit
from fanfold.lib.buffers import ProcessBuffer
from fanfold.lib.redisclient import redis_client
from fanfold.works.models import Work
from fanfold.works.visibility import Viewer, is_creator

PENDING_KEY = "fanfold:hits:pending"
BATCH_KEY_PREFIX = "fanfold:hits:batch:"
INSERT_CHUNK = 400  # rows per INSERT: under SQLite's 999 bound parameters at 2 each

View = tuple[int, str, str]  # work id, hashed visitor, ISO day


def visitor_key(viewer: Viewer, ip: str, cookie: str) -> str:
    return hashed(f"user:{viewer.pk}") if viewer.is_authenticated else guest_visitor(ip, cookie)


def guest_visitor(ip: str, cookie: str) -> str:
    return hashed(f"guest:{ip}:{cookie}")


def record_hit(work: Work, viewer: Viewer, ip: str, cookie: str) -> None:
    """Counts the view later, in a batch; the creator's own views never count."""
    if not is_creator(viewer, work):
        record_guest_hit(work.pk, visitor_key(viewer, ip, cookie))


def record_guest_hit(work_id: int, visitor: str) -> None:
    """For a view served from the page cache, where there is no work object to ask about."""
    view: View = (work_id, visitor, timezone.localdate().isoformat())
    client = redis_client()
    try:
        if client is not None:
            client.rpush(PENDING_KEY, "|".join(map(str, view)))
            if settings.HITS_FLUSH_SECONDS > 0:
                _schedule_redis_flush(client)
    except redis.RedisError:
        client = None  # Redis is down: the page is still served, the view waits in this process
    if client is None:
        _process_buffer.add(view)
    if settings.HITS_FLUSH_SECONDS <= 0:
        flush_hits.call()


def _schedule_redis_flush(client) -> None:
    seconds = settings.HITS_FLUSH_SECONDS
    if client.set("fanfold:hits:flush-scheduled", 1, nx=True, ex=seconds):
        # Runs when the interval is over, so it takes the whole interval's views at once.
        later = timezone.now() + datetime.timedelta(seconds=seconds)
        deferred = flush_hits.get_backend().supports_defer
        (flush_hits.using(run_after=later) if deferred else flush_hits).enqueue()


def apply_views(views: Iterable[View]) -> int:
    """Counts the views whose Visit row is new, all in one transaction; returns how many."""
    views = sorted(set(views))
    if not views:
        return 0
    new: Counter[tuple[int, str]] = Counter()
    with transaction.atomic():
        for start in range(0, len(views), INSERT_CHUNK):
            for work_id, day in _insert_new_visits(views[start : start + INSERT_CHUNK]):
                new[(work_id, str(day))] += 1
        for (work_id, day), count in new.items():
            add_hits(work_id, datetime.date.fromisoformat(day), count)
    return sum(new.values())


_process_buffer: ProcessBuffer[View] = ProcessBuffer(apply_views)


def _insert_new_visits(views: list[View]) -> list[tuple[int, str]]:
    """INSERT … ON CONFLICT DO NOTHING RETURNING: only the rows really inserted come back
    (SQLite 3.35+ and PostgreSQL alike); views of works deleted meanwhile are dropped."""
    existing = set(Work.objects.filter(pk__in={v[0] for v in views}).values_list("pk", flat=True))
    rows = [view for view in views if view[0] in existing]
    if not rows:
        return []
    table = connection.ops.quote_name(Visit._meta.db_table)
    values = ", ".join(["(%s, %s, %s)"] * len(rows))
    sql = (
        f"INSERT INTO {table} (work_id, visitor, day) VALUES {values} "  # noqa: S608 - no user text
        "ON CONFLICT (work_id, visitor, day) DO NOTHING RETURNING work_id, day"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [value for row in rows for value in row])
        return [(work_id, str(day)) for work_id, day in cursor.fetchall()]


def add_hits(work_id: int, day: datetime.date, count: int) -> None:
    """The work's total and its day's count move together (call inside a transaction)."""
    Work.objects.filter(pk=work_id).update(hit_count=F("hit_count") + count)
    if not DailyHits.objects.filter(work_id=work_id, day=day).update(hits=F("hits") + count):
        try:
            with transaction.atomic():
                DailyHits.objects.create(work_id=work_id, day=day, hits=count)
        except IntegrityError:  # another process made the row first
            DailyHits.objects.filter(work_id=work_id, day=day).update(hits=F("hits") + count)


def _claim_redis_batches(client) -> list[str]:
    """Renames the pending list to a batch of its own (atomic: views arriving meanwhile start
    a new list) and returns every batch not yet applied, including ones a crash left behind."""
    with contextlib.suppress(redis.ResponseError):  # nothing pending
        client.rename(PENDING_KEY, f"{BATCH_KEY_PREFIX}{uuid.uuid4().hex}")
    return [key.decode() for key in client.scan_iter(match=f"{BATCH_KEY_PREFIX}*")]


@task()
def flush_hits() -> int:
    """Writes buffered views to the database; safe to run twice and from any process."""
    moved = _process_buffer.flush()
    client = redis_client()
    if client is None:
        return moved
    try:
        for batch in _claim_redis_batches(client):
            views = [entry.decode().split("|") for entry in client.lrange(batch, 0, -1)]
            moved += apply_views((int(work_id), visitor, day) for work_id, visitor, day in views)
            client.delete(batch)  # only after the commit; re-applying it would count nothing
    except redis.RedisError:
        # Redis went down, before or during the flush: its batches wait there (append-only
        # file) for the next one. A page that flushes at once is still served.
        pass
    return moved

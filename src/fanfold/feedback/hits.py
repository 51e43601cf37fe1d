"""Hits: one per visitor per work per day, never the creator's own views.

With Redis, a visit is a SET NX per visitor and an INCR per work, flushed to the database
in batches by a task; without it, a unique Visit row and an F() increment in one transaction.
"""

import datetime
import functools

import redis
from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django_tasks import task

from fanfold.feedback.kudos import hashed
from fanfold.feedback.models import DailyHits, Visit
from fanfold.works.models import Work
from fanfold.works.visibility import Viewer, is_creator

PENDING_KEY = "hits:pending"
FLUSH_EVERY_SECONDS = 60


def visitor_key(viewer: Viewer, ip: str, cookie: str) -> str:
    return hashed(f"user:{viewer.pk}" if viewer.is_authenticated else f"guest:{ip}:{cookie}")


def record_hit(work: Work, viewer: Viewer, ip: str, cookie: str) -> bool:
    """True when this view counted as a new hit."""
    if is_creator(viewer, work):
        return False
    visitor, today = visitor_key(viewer, ip, cookie), timezone.localdate()
    client = redis_client()
    if client is not None:
        return _record_in_redis(client, work.pk, visitor, today)
    try:
        with transaction.atomic():
            Visit.objects.create(work=work, visitor=visitor, day=today)
            add_hits(work.pk, today, 1)
    except IntegrityError:
        return False
    return True


def add_hits(work_id: int, day: datetime.date, count: int) -> None:
    """The work's total and its day's count move together (call inside a transaction)."""
    Work.objects.filter(pk=work_id).update(hit_count=F("hit_count") + count)
    if not DailyHits.objects.filter(work_id=work_id, day=day).update(hits=F("hits") + count):
        try:
            with transaction.atomic():
                DailyHits.objects.create(work_id=work_id, day=day, hits=count)
        except IntegrityError:  # another process made the row first
            DailyHits.objects.filter(work_id=work_id, day=day).update(hits=F("hits") + count)


def redis_client():
    """The Redis behind the cache, for counters; None on the embedded default."""
    return _client_for(settings.REDIS_URL) if settings.REDIS_URL else None


@functools.cache
def _client_for(url: str):
    # One client (and connection pool) per process, not a new pool on every page view.
    return redis.Redis.from_url(url)


def _record_in_redis(client, work_id: int, visitor: str, today: datetime.date) -> bool:
    seen = client.set(f"fanfold:hit:{work_id}:{today}:{visitor}", 1, nx=True, ex=2 * 86400)
    if not seen:
        return False
    client.hincrby(f"fanfold:{PENDING_KEY}", f"{work_id}:{today.isoformat()}", 1)
    if cache.add("hits:flush-scheduled", 1, FLUSH_EVERY_SECONDS):
        flush_hits.enqueue()
    return True


def pending_hits(work_id: int) -> int:
    """Hits counted in Redis and not yet flushed, so pages show the exact total."""
    client = redis_client()
    if client is None:
        return 0
    pending = client.hgetall(f"fanfold:{PENDING_KEY}")
    return sum(
        int(count)
        for field, count in pending.items()
        if field.decode().split(":")[0] == str(work_id)
    )


@task()
def flush_hits() -> int:
    """Moves counted hits from Redis to the database; each count is taken atomically."""
    client = redis_client()
    if client is None:
        return 0
    moved = 0
    for field in list(client.hkeys(f"fanfold:{PENDING_KEY}")):
        count = int(client.hget(f"fanfold:{PENDING_KEY}", field) or 0)
        if count:
            work_id, day = field.decode().split(":")
            # Subtract what was read, so hits arriving meanwhile are kept for the next flush.
            client.hincrby(f"fanfold:{PENDING_KEY}", field, -count)
            with transaction.atomic():
                add_hits(int(work_id), datetime.date.fromisoformat(day), count)
            moved += count
    return moved

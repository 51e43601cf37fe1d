"""Hits are written in batches: nothing per view, and a batch counts once even across crashes."""

import datetime
import fnmatch
import os

import pytest
import redis
from django.test import Client
from django_tasks_db.models import DBTaskResult

from fanfold.feedback import hits
from fanfold.feedback.models import DailyHits
from fanfold.works.models import Work
from tests.factories import WorkFactory

needs_redis = pytest.mark.skipif(
    not os.environ.get("REDIS_URL"), reason="the PostgreSQL + Redis run covers Redis batches"
)


def hit_count(work) -> int:
    return Work.objects.values_list("hit_count", flat=True).get(pk=work.pk)


def view_as_two_guests(work) -> None:
    first, second = Client(), Client()
    for _ in range(3):
        first.get(work.get_absolute_url())
        second.get(work.get_absolute_url())


def test_views_are_written_only_by_the_flush_and_once_per_visitor(work, buffered_hits):
    view_as_two_guests(work)
    assert hit_count(work) == 0
    assert hits.flush_hits.call() == 2
    assert hit_count(work) == 2
    assert hits.flush_hits.call() == 0


def test_a_flush_that_fails_before_its_commit_loses_nothing(work, buffered_hits, monkeypatch):
    view_as_two_guests(work)

    def database_gone(*args):
        raise ConnectionError("database went away")

    monkeypatch.setattr(hits, "add_hits", database_gone)
    with pytest.raises(ConnectionError):
        hits.flush_hits.call()
    assert hit_count(work) == 0
    monkeypatch.undo()
    hits.flush_hits.call()
    assert hit_count(work) == 2


@needs_redis
def test_a_batch_committed_but_not_forgotten_is_not_counted_twice(work, buffered_hits, monkeypatch):
    view_as_two_guests(work)
    client = hits.redis_client()

    def crash_before_forgetting(*keys):
        raise ConnectionError("process died after the commit")

    monkeypatch.setattr(client, "delete", crash_before_forgetting)
    with pytest.raises(ConnectionError):
        hits.flush_hits.call()
    monkeypatch.undo()
    assert hit_count(work) == 2
    hits.flush_hits.call()  # finds the batch the crash left behind and applies it again
    assert hit_count(work) == 2
    assert list(client.scan_iter(match="fanfold:hits:batch:*")) == []


class ListsInMemory:
    """The Redis commands the hit batches use, answering as Redis does (bytes back, RENAME of a
    missing key an error, SET NX refused while the key lives; no clock: keys expire only when
    deleted), so the Redis path is tested in
    the SQLite run too; the PostgreSQL + Redis run checks the same tests on a real Redis."""

    def __init__(self) -> None:
        self.lists: dict[str, list[bytes]] = {}
        self.expiry: dict[str, float] = {}

    def rpush(self, key: str, *values: str) -> int:
        self.lists.setdefault(key, []).extend(value.encode() for value in values)
        return len(self.lists[key])

    def set(self, key: str, value, nx: bool = False, ex: int | None = None) -> bool | None:
        if value is None or isinstance(value, bool):  # redis-py refuses to send these
            raise redis.DataError(f"Invalid input of type: {type(value).__name__!r}")
        if nx and key in self.expiry:
            return None
        self.expiry[key] = ex if ex else -1  # seconds left; the clock is frozen in these tests
        return True

    def ttl(self, key: str) -> int:
        return self.expiry.get(key, -2)

    def rename(self, source: str, target: str) -> bool:
        if source not in self.lists:
            raise redis.ResponseError("ERR no such key")
        self.lists[target] = self.lists.pop(source)
        return True

    def scan_iter(self, match: str) -> list[bytes]:
        return [key.encode() for key in list(self.lists) if fnmatch.fnmatchcase(key, match)]

    def lrange(self, key: str, start: int, end: int) -> list[bytes]:
        values = self.lists.get(key, [])
        end = len(values) + end if end < 0 else end
        return values[start : end + 1]

    def delete(self, *keys: str) -> int:
        return sum(
            (self.lists.pop(key, None), self.expiry.pop(key, None)) != (None, None) for key in keys
        )


@pytest.fixture(params=["in memory", "real"] if os.environ.get("REDIS_URL") else ["in memory"])
def redis_lists(request, buffered_hits, monkeypatch):
    if request.param == "real":
        client = hits.redis_client()
        client.delete("fanfold:hits:pending", "fanfold:hits:flush-scheduled")
        for key in client.scan_iter(match="fanfold:hits:batch:*"):
            client.delete(key)
        return client
    client = ListsInMemory()
    monkeypatch.setattr(hits, "redis_client", lambda: client)
    return client


def queued_flushes() -> list:
    return list(DBTaskResult.objects.filter(task_path="fanfold.feedback.hits.flush_hits"))


def test_with_redis_a_view_waits_in_its_pending_list_for_one_flush_an_interval_later(
    work, redis_lists, time_machine
):
    time_machine.move_to(datetime.datetime(2024, 5, 1, 12, 0, tzinfo=datetime.UTC), tick=False)
    visitor = "v" * 64
    hits.record_guest_hit(work.pk, visitor)
    hits.record_guest_hit(work.pk, "w" * 64)
    assert redis_lists.lrange("fanfold:hits:pending", 0, -1) == [
        f"{work.pk}|{visitor}|2024-05-01".encode(),
        f"{work.pk}|{'w' * 64}|2024-05-01".encode(),
    ]
    assert hit_count(work) == 0
    [flush] = queued_flushes()  # one flush for the interval, not one per view
    assert flush.run_after == datetime.datetime(2024, 5, 1, 13, 0, tzinfo=datetime.UTC)
    assert 3590 < redis_lists.ttl("fanfold:hits:flush-scheduled") <= 3600
    redis_lists.delete("fanfold:hits:flush-scheduled")  # as Redis does when the interval ends
    hits.record_guest_hit(work.pk, visitor)
    assert len(queued_flushes()) == 2  # the interval is over: the next view queues the next one
    assert hits.flush_hits.call() == 2
    assert hit_count(work) == 2
    assert redis_lists.lrange("fanfold:hits:pending", 0, -1) == []
    assert list(redis_lists.scan_iter(match="fanfold:hits:batch:*")) == []
    assert hits.flush_hits.call() == 0


def test_with_redis_a_batch_left_by_a_crash_is_applied_by_the_next_flush(work, redis_lists):
    redis_lists.rpush("fanfold:hits:batch:left-by-a-crash", f"{work.pk}|{'a' * 64}|2024-05-01")
    hits.record_guest_hit(work.pk, "b" * 64)
    assert hits.flush_hits.call() == 2
    assert hit_count(work) == 2
    assert list(redis_lists.scan_iter(match="fanfold:hits:batch:*")) == []


def test_with_redis_down_a_view_waits_in_the_process(work, redis_lists, monkeypatch):
    def refused(*args, **kwargs):
        raise redis.ConnectionError("Connection refused")

    monkeypatch.setattr(redis_lists, "rpush", refused)
    hits.record_guest_hit(work.pk, "c" * 64)
    monkeypatch.setattr(redis_lists, "scan_iter", refused)
    assert hits.flush_hits.call() == 1  # the process's own views, though Redis is still down
    assert hit_count(work) == 1


def test_redis_lost_in_the_middle_of_a_flush_at_once_still_serves_the_page(
    work, redis_lists, settings, monkeypatch
):
    # With flushes at once (as the crash harness runs) the page itself flushes: Redis lost
    # after the batch was claimed must not turn the reader's page into an error.
    settings.HITS_FLUSH_SECONDS = 0
    read_batch, reads = redis_lists.lrange, []

    def refused_the_first_time(*args, **kwargs):
        reads.append(args)
        if len(reads) == 1:
            raise redis.ConnectionError("Connection refused")
        return read_batch(*args, **kwargs)

    monkeypatch.setattr(redis_lists, "lrange", refused_the_first_time)
    assert Client().get(work.get_absolute_url()).status_code == 200
    assert hit_count(work) == 0  # the view waits in Redis for the next flush
    assert hits.flush_hits.call() == 1
    assert hit_count(work) == 1


def test_a_flush_interval_of_one_second_still_waits_for_the_flush(work, redis_lists, settings):
    settings.HITS_FLUSH_SECONDS = 1
    hits.record_guest_hit(work.pk, "d" * 64)
    assert hit_count(work) == 0
    assert len(queued_flushes()) == 1
    assert hits.flush_hits.call() == 1
    assert hit_count(work) == 1


def test_a_task_backend_that_cannot_defer_runs_the_flush_at_once(work, redis_lists, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    hits.record_guest_hit(work.pk, "e" * 64)
    assert hit_count(work) == 1


def test_with_flushes_at_once_no_flush_is_queued_for_later(work, redis_lists, settings):
    settings.HITS_FLUSH_SECONDS = 0
    hits.record_guest_hit(work.pk, "f" * 64)
    assert hit_count(work) == 1
    assert queued_flushes() == []


def test_a_batch_longer_than_two_inserts_counts_every_view(work):
    views = [(work.pk, f"{n:064}", "2024-05-01") for n in range(801)]
    assert hits.apply_views(views) == 801
    assert hit_count(work) == 801


def daily_hits() -> dict[tuple[int, str], int]:
    return {(row.work_id, str(row.day)): row.hits for row in DailyHits.objects.all()}


def test_a_days_hits_add_up_across_flushes_and_touch_no_other_row(author, work):
    other = WorkFactory(author=author)
    may_1, may_2 = datetime.date(2024, 5, 1), datetime.date(2024, 5, 2)
    for work_id, day, count in [(work.pk, may_1, 2), (work.pk, may_2, 3), (other.pk, may_1, 4)]:
        hits.add_hits(work_id, day, count)
    hits.add_hits(work.pk, may_1, 5)
    assert daily_hits() == {
        (work.pk, "2024-05-01"): 7,
        (work.pk, "2024-05-02"): 3,
        (other.pk, "2024-05-01"): 4,
    }
    assert (hit_count(work), hit_count(other)) == (10, 4)


def test_a_day_row_made_by_another_process_meanwhile_gets_this_count_too(author, work, monkeypatch):
    other = WorkFactory(author=author)
    may_1, may_2 = datetime.date(2024, 5, 1), datetime.date(2024, 5, 2)
    hits.add_hits(work.pk, may_2, 3)
    hits.add_hits(other.pk, may_1, 4)
    manager = DailyHits.objects
    filter_ = manager.filter

    def another_process_makes_the_row(**lookups):
        monkeypatch.setattr(manager, "filter", filter_)  # only the first look misses it
        manager.create(work_id=work.pk, day=may_1, hits=5)
        return manager.none()

    monkeypatch.setattr(manager, "filter", another_process_makes_the_row)
    hits.add_hits(work.pk, may_1, 2)
    assert daily_hits() == {
        (work.pk, "2024-05-01"): 7,
        (work.pk, "2024-05-02"): 3,
        (other.pk, "2024-05-01"): 4,
    }

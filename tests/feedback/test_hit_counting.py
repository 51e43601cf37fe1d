"""Hit counting on both of its paths: rows in the database, or counters in Redis flushed later.

The Redis path runs wherever a Redis is configured (REDIS_URL, or FANFOLD_TEST_REDIS_URL on
the SQLite run); CI's PostgreSQL run always has one.
"""

import datetime
import os

import pytest
import redis
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.urls import reverse

from fanfold.feedback.hits import flush_hits, pending_hits, record_hit
from fanfold.feedback.models import DailyHits
from fanfold.works.models import Work
from tests.factories import UserFactory, WorkFactory

DAY = datetime.datetime(2024, 6, 3, 12, 0, tzinfo=datetime.UTC)


def clear_counters(url: str) -> None:
    client = redis.Redis.from_url(url)
    for key in client.scan_iter("fanfold:hit*"):
        client.delete(key)


@pytest.fixture(params=["database", "redis"])
def counters(request, settings):
    """Which way hits are counted; the cache stays as configured."""
    if request.param == "database":
        settings.REDIS_URL = ""
        yield request.param
        return
    url = settings.REDIS_URL or os.environ.get("FANFOLD_TEST_REDIS_URL", "")
    if not url:
        pytest.skip("no Redis configured; the PostgreSQL and Redis run covers this path")
    settings.REDIS_URL = url
    clear_counters(url)
    yield request.param
    clear_counters(url)


def hit_count(work) -> int:
    return Work.objects.values_list("hit_count", flat=True).get(pk=work.pk)


def visit(work, viewer, ip="192.0.2.1", cookie="c" * 32) -> bool:
    return record_hit(work, viewer, ip, cookie)


def test_each_visitor_counts_once_a_day_and_creators_never(
    counters, author, outsider, time_machine
):
    time_machine.move_to(DAY, tick=False)
    work = WorkFactory(author=author)
    guest = AnonymousUser()
    assert visit(work, outsider) is True
    assert visit(work, outsider, ip="198.51.100.7") is False  # an account, wherever it reads
    assert visit(work, author) is False
    assert visit(work, guest) is True
    assert visit(work, guest) is False
    assert visit(work, guest, cookie="d" * 32) is True  # another browser at the same address
    assert visit(work, guest, ip="192.0.2.2") is True  # another address with the same cookie
    time_machine.move_to(DAY + datetime.timedelta(days=1), tick=False)
    assert visit(work, outsider) is True
    flush_hits.call()
    assert hit_count(work) == 5
    days = dict(DailyHits.objects.filter(work=work).values_list("day", "hits"))
    assert days == {DAY.date(): 4, DAY.date() + datetime.timedelta(days=1): 1}


def test_pending_hits_are_shown_before_they_are_flushed(counters, author):
    # Work ids 1 and 11 share a first digit: a work's pending hits must not borrow another's.
    works = {n: WorkFactory(author=author) for n in range(1, 12)}
    cache.add("hits:flush-scheduled", 1, 60)  # a flush is already due this minute
    one, eleven = works[1], works[11]
    assert (one.pk, eleven.pk) == (1, 11)
    for n in range(3):
        visit(eleven, UserFactory(username=f"reader{n}"))
    visit(one, UserFactory(username="solo"))
    expected = {"database": (0, 0, 1, 3), "redis": (1, 3, 0, 0)}[counters]
    assert (pending_hits(1), pending_hits(11), hit_count(one), hit_count(eleven)) == expected
    assert flush_hits.call() == {"database": 0, "redis": 4}[counters]
    assert (pending_hits(1), pending_hits(11), hit_count(one), hit_count(eleven)) == (0, 0, 1, 3)
    assert flush_hits.call() == 0  # nothing is counted twice


def test_the_work_page_shows_hits_not_yet_flushed(counters, work, outsider_client, author_client):
    cache.add("hits:flush-scheduled", 1, 60)
    outsider_client.get(work.get_absolute_url())
    page = author_client.get(work.get_absolute_url()).content.decode()
    assert '<dd class="hits">1</dd>' in page


def test_one_flush_is_scheduled_a_minute_and_it_moves_every_hit(counters, author, settings):
    # The immediate task backend runs the flush when it is scheduled: the first hit of a
    # minute is flushed at once; later ones wait for the next scheduled flush.
    work = WorkFactory(author=author)
    for n in range(3):
        visit(work, UserFactory(username=f"early{n}"))
    flushed_at_once = {"database": 3, "redis": 1}[counters]
    assert hit_count(work) == flushed_at_once
    cache.delete("hits:flush-scheduled")  # the minute has passed
    visit(work, UserFactory(username="late"))
    assert hit_count(work) == 4


def test_a_work_sorted_by_hits_moves_up_as_soon_as_they_are_counted(counters, author, guest):
    quiet, _popular = (WorkFactory(author=author, title=t) for t in ("Quiet Work", "Popular Work"))
    listing = reverse("works:list") + "?work_search[sort_column]=hits"
    before = guest.get(listing).content.decode()
    assert before.index("Popular Work") < before.index("Quiet Work")  # a tie: newest first
    visit(quiet, UserFactory(username="first_reader"))
    flush_hits.call()
    page = guest.get(listing).content.decode()
    assert page.index("Quiet Work") < page.index("Popular Work")

"""Hits and reading history batched in Redis across a Redis crash (kill -9, restart), as
docs/operations.md promises: with the append-only file (appendfsync everysec) every view more
than a second old survives; without persistence exactly the views not yet flushed are lost."""

import re
import signal
import subprocess
import time

import pytest

from tests.reliability.crash import Browser, make_writers
from tests.reliability.served import (
    FANFOLD,
    environment,
    free_port,
    migrated_data_dir,
    once_per_suite,
    serve,
)

pytestmark = once_per_suite
POST_WORK = """
from fanfold.accounts.models import User
from fanfold.works.models import Chapter, Work
from fanfold.works.posting import TagChoices, save_work
user = User.objects.get(username="writer_a")
tags = TagChoices(rating="General Audiences", warnings=["No Archive Warnings Apply"],
                  categories=[], fandoms=["Original Work"], relationships=[], characters=[], freeforms=[])
save_work(Work(title="Counted Lantern", expected_chapters=1), pseuds=[user.default_pseud], tags=tags,
          post=True, first_chapter=Chapter(body="<p>Words.</p>"), published_on=None)
"""
FLUSH_AND_COUNT = """
from fanfold.feedback.bookmarks import flush_readings
from fanfold.feedback.hits import flush_hits
from fanfold.feedback.models import Reading
from fanfold.works.models import Work
flush_hits.call()
flush_readings.call()
work = Work.objects.get(title="Counted Lantern")
reading = Reading.objects.filter(work=work, user__username="writer_b").first()
print("HITS", work.hit_count, "VISITS", reading.visits if reading else 0)
"""


def start_redis(port: int, directory, *persistence: str) -> subprocess.Popen:
    process = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--dir", str(directory),
         "--save", "", *persistence],
        stdout=subprocess.DEVNULL,
    )  # fmt: skip
    for _ in range(100):
        if subprocess.run(["redis-cli", "-p", str(port), "ping"], capture_output=True).stdout:
            return process
        time.sleep(0.1)
    raise AssertionError("redis-server did not start")


APPEND_ONLY = ("--appendonly", "yes", "--appendfsync", "everysec")
READER_HIT = 1  # a hit is one per visitor a day: the reader's first view of the day


def guest_views(url: str, count: int) -> int:
    """Views from new guests, each a new hit; returns how many were answered with the page."""
    return sum(Browser(url).request("/works/1")[0] == 200 for _ in range(count))


def reader_views(reader: Browser, count: int) -> int:
    """A signed-in reader's views, each a visit in their history."""
    return sum(reader.request("/works/1")[0] == 200 for _ in range(count))


@pytest.fixture
def archive(migrated_template, tmp_path):
    """A work, its author and a reader; a Redis on a port of its own (started by the test)."""
    data_dir = migrated_data_dir(migrated_template, tmp_path / "data")
    make_writers(data_dir)
    port, redis_dir = free_port(), tmp_path / "redis"
    redis_dir.mkdir()
    env = environment(data_dir, REDIS_URL=f"redis://127.0.0.1:{port}/0")
    subprocess.run([FANFOLD, "shell", "-c", POST_WORK], env=env, check=True, timeout=120)
    return data_dir, env, port, redis_dir


def flush_and_count(env) -> tuple[int, int]:
    """Flushes hits and history to the database; returns the work's hits and the reader's visits."""
    done = subprocess.run(
        [FANFOLD, "shell", "-c", FLUSH_AND_COUNT], env=env, capture_output=True, text=True
    )
    found = re.search(r"HITS (\d+) VISITS (\d+)", done.stdout)
    assert found, done.stdout + done.stderr
    return int(found.group(1)), int(found.group(2))


def test_views_more_than_a_second_old_survive_a_redis_crash_with_its_append_only_file(archive):
    data_dir, env, port, redis_dir = archive
    redis = start_redis(port, redis_dir, *APPEND_ONLY)
    served = serve(data_dir, "--no-task-worker", REDIS_URL=env["REDIS_URL"])
    try:
        reader = Browser(served.url)
        assert reader.sign_in("writer_b")
        before = guest_views(served.url, 6), reader_views(reader, 4)
        time.sleep(1.5)  # appendfsync everysec: what is a second old is on disk
        redis.send_signal(signal.SIGKILL)
        redis.wait()
        redis = start_redis(port, redis_dir, *APPEND_ONLY)
        after = guest_views(served.url, 3), reader_views(reader, 2)
        assert flush_and_count(env) == (before[0] + after[0] + READER_HIT, before[1] + after[1])
    finally:
        served.stop()
        redis.terminate()
        redis.wait()


def test_without_persistence_a_redis_restart_loses_exactly_the_views_not_yet_flushed(archive):
    data_dir, env, port, redis_dir = archive
    redis = start_redis(port, redis_dir)
    served = serve(data_dir, "--no-task-worker", REDIS_URL=env["REDIS_URL"])
    try:
        reader = Browser(served.url)
        assert reader.sign_in("writer_b")
        flushed = guest_views(served.url, 5), reader_views(reader, 3)
        assert flush_and_count(env) == (flushed[0] + READER_HIT, flushed[1])
        lost = guest_views(served.url, 4), reader_views(reader, 2)
        assert all(lost)
        redis.send_signal(signal.SIGKILL)
        redis.wait()
        redis = start_redis(port, redis_dir)
        assert reader.sign_in("writer_b")  # sessions are cached in Redis, and kept in the database
        after = guest_views(served.url, 3), reader_views(reader, 1)
        assert flush_and_count(env) == (flushed[0] + after[0] + READER_HIT, flushed[1] + after[1])
    finally:
        served.stop()
        redis.terminate()
        redis.wait()


def test_pages_and_writes_are_served_while_redis_is_down(archive):
    data_dir, env, port, redis_dir = archive
    redis = start_redis(port, redis_dir)
    served = serve(data_dir, "--no-task-worker", REDIS_URL=env["REDIS_URL"])
    try:
        reader = Browser(served.url)
        assert reader.sign_in("writer_b")
        redis.send_signal(signal.SIGKILL)
        redis.wait()
        assert Browser(served.url).request("/works")[0] == 200
        assert guest_views(served.url, 2) == 2
        assert reader_views(reader, 2) == 2
        assert reader.request("/works/1/comments", {"body": "Said while Redis was down"})[0] == 302
        assert "Said while Redis was down" in reader.request("/works/1")[1]
    finally:
        served.stop()

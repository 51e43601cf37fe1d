"""Hits counted in Redis survive a Redis crash (kill -9 and restart with its append-only file):
every view answered as a new hit before the crash is in the database after the next flush."""

import signal
import subprocess
import time

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
from fanfold.feedback.hits import flush_hits
from fanfold.works.models import Work
flush_hits.call()
print("HITS", Work.objects.get(title="Counted Lantern").hit_count)
"""


def start_redis(port: int, directory) -> subprocess.Popen:
    process = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--dir", str(directory),
         "--appendonly", "yes", "--appendfsync", "everysec", "--save", ""],
        stdout=subprocess.DEVNULL,
    )  # fmt: skip
    for _ in range(100):
        if subprocess.run(["redis-cli", "-p", str(port), "ping"], capture_output=True).stdout:
            return process
        time.sleep(0.1)
    raise AssertionError("redis-server did not start")


def guest_views(url: str, count: int) -> int:
    """Views from new guests, each a new hit; returns how many were answered with the page."""
    return sum(Browser(url).request("/works/1")[0] == 200 for _ in range(count))


def test_hits_counted_before_a_redis_crash_reach_the_database(migrated_template, tmp_path):
    data_dir = migrated_data_dir(migrated_template, tmp_path / "data")
    make_writers(data_dir)
    port, redis_dir = free_port(), tmp_path / "redis"
    redis_dir.mkdir()
    redis_url = f"redis://127.0.0.1:{port}/0"
    env = environment(data_dir, REDIS_URL=redis_url)
    subprocess.run([FANFOLD, "shell", "-c", POST_WORK], env=env, check=True, timeout=120)
    redis = start_redis(port, redis_dir)
    served = serve(data_dir, "--no-task-worker", REDIS_URL=redis_url)
    try:
        before = guest_views(served.url, 6)
        time.sleep(1.5)  # appendfsync everysec: what is a second old is on disk
        redis.send_signal(signal.SIGKILL)
        redis.wait()
        redis = start_redis(port, redis_dir)
        after = guest_views(served.url, 3)
        counted = subprocess.run(
            [FANFOLD, "shell", "-c", FLUSH_AND_COUNT], env=env, capture_output=True, text=True
        )
        assert f"HITS {before + after}" in counted.stdout, (before, after, counted.stdout)
    finally:
        served.stop()
        redis.terminate()
        redis.wait()

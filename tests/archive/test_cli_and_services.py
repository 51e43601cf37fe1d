"""The fanfold command, the demo data, and the services the archive is configured with."""

import io
import os
import shutil
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection

from fanfold.accounts.models import User
from fanfold.series.models import Series
from fanfold.tags.models import Tag, TagType
from fanfold.works.models import Work


def test_demo_is_idempotent_and_has_what_newcomers_need(db):
    call_command("demo", stdout=io.StringIO())
    counts = (User.objects.count(), Work.objects.count(), Series.objects.count())
    call_command("demo", stdout=io.StringIO())
    assert (User.objects.count(), Work.objects.count(), Series.objects.count()) == counts
    works = Work.objects.all()
    assert works.count() == 30
    assert works.filter(posted=False).count() == 1
    assert works.filter(restricted=True).count() == 1
    assert works.filter(taggings__tag__name="Mature").count() == 1
    assert works.filter(chapter_count__gt=1).exists()
    assert Series.objects.get().memberships.count() == 3
    fandoms = {tag.name for work in works for tag in work.fandoms}
    assert len(fandoms) == 6
    wrangled = Tag.objects.filter(
        type=TagType.FANDOM, canonical=True, parent_links__parent__type=TagType.MEDIA
    )
    assert wrangled.count() == 7  # the six, and the Sherlock Holmes meta fandom
    assert User.objects.get(username="tag_gardener").has_perm("tags.wrangle_tag")
    assert User.objects.get(username="night_watch").has_perm("moderation.moderate")
    assert User.objects.get(username="help_desk").has_perm("moderation.support")
    assert User.objects.get(username="archive_admin").is_superuser


def test_fanfold_console_script_wraps_management_commands():
    fanfold = shutil.which("fanfold", path=os.path.dirname(sys.executable))
    assert fanfold, "the fanfold console script is installed next to python"
    result = subprocess.run([fanfold, "help"], capture_output=True, text=True, check=True)
    for command in ("serve", "demo", "migrate", "createsuperuser"):
        assert command in result.stdout


def test_the_cache_round_trips(db):
    cache.set("fanfold-test-key", {"a": 1}, 30)
    assert cache.get("fanfold-test-key") == {"a": 1}


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="runs in the PostgreSQL + Redis suite")
def test_redis_is_the_cache_when_configured():
    assert settings.CACHES["default"]["BACKEND"].endswith("RedisCache")
    import redis

    cache.set("fanfold-redis-probe", "here", 30)
    client = redis.Redis.from_url(os.environ["REDIS_URL"])
    assert any(b"fanfold-redis-probe" in key for key in client.keys("*fanfold-redis-probe*"))


def test_database_is_the_configured_engine(db):
    expected = (
        "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"
    )
    assert connection.vendor == expected
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA foreign_keys")
            assert cursor.fetchone()[0] == 1

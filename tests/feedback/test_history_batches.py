"""Reading history is written in batches, like hits: a signed-in page view writes nothing."""

import redis
from django.urls import reverse

from fanfold.feedback import bookmarks
from fanfold.feedback.bookmarks import flush_readings
from fanfold.feedback.models import Reading
from fanfold.works.chapters import add_chapter
from fanfold.works.models import Chapter


def test_a_readers_views_wait_for_the_flush_and_count_each_visit(
    work, outsider, outsider_client, buffered_hits
):
    outsider_client.get(work.get_absolute_url())
    assert not Reading.objects.filter(user=outsider).exists()
    add_chapter(work, Chapter(title="Second", body="<p>More.</p>"), post=True)
    second = work.chapters.get(position=2)
    outsider_client.get(work.get_absolute_url())
    outsider_client.get(second.get_absolute_url())
    assert not Reading.objects.filter(user=outsider).exists()
    flush_readings.call()
    reading = Reading.objects.get(user=outsider, work=work)
    assert (reading.visits, reading.last_chapter) == (3, second)


def test_a_reader_sees_their_latest_visits_in_their_history_at_once(
    work, outsider, outsider_client, buffered_hits
):
    outsider_client.get(work.get_absolute_url())
    history = outsider_client.get(reverse("feedback:history", args=["outsider"]))
    assert work.title in history.content.decode()


def test_visits_of_a_work_deleted_before_the_flush_are_dropped(
    work, outsider, outsider_client, buffered_hits
):
    outsider_client.get(work.get_absolute_url())
    work.delete()
    flush_readings.call()
    assert not Reading.objects.exists()


class RedisLost:
    """A Redis client whose every command is refused, as while Redis restarts."""

    def __getattr__(self, command):
        def refused(*args, **kwargs):
            raise redis.ConnectionError("Connection refused")

        return refused


def test_a_readers_page_is_served_while_redis_is_lost_and_the_visit_kept(
    work, outsider, outsider_client, settings, monkeypatch
):
    # With flushes at once (as the crash harness runs) the page itself flushes the reader's
    # visits; Redis refusing must not make it an error page, and the visit is not lost.
    settings.HITS_FLUSH_SECONDS = 0
    monkeypatch.setattr(bookmarks, "redis_client", RedisLost)
    assert outsider_client.get(work.get_absolute_url()).status_code == 200
    assert Reading.objects.get(user=outsider, work=work).visits == 1

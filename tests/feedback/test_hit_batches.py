"""Hits are written in batches: nothing per view, and a batch counts once even across crashes."""

import os

import pytest
from django.test import Client

from fanfold.feedback import hits
from fanfold.works.models import Work

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

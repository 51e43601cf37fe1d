"""The synthetic corpus is shaped like AO3 and its filter tags are derived correctly."""

import io

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.db import connection
from django.db.models import Count, F
from django.urls import reverse

from fanfold.demo import synthetic
from fanfold.search.audience import audience_for
from fanfold.search.criteria import Criteria
from fanfold.search.filtertags import refresh_filter_tags
from fanfold.search.models import FilterTagging
from fanfold.search.registry import current_index
from fanfold.search.sql import sql_search
from fanfold.tags.models import TagType
from fanfold.works.models import Chapter, Creatorship, Tagging, Work
from tests.conftest import signed_in


def filter_tags_by_work() -> dict[int, set[int]]:
    found: dict[int, set[int]] = {}
    for work_id, tag_id in FilterTagging.objects.values_list("work_id", "tag_id"):
        found.setdefault(work_id, set()).add(tag_id)
    return found


@pytest.mark.parametrize("works_per_chunk", [200_000, 150])
def test_synth_writes_consistent_ao3_shaped_works(db, monkeypatch, works_per_chunk):
    # Written a chunk at a time (memory); several chunks must join up as one corpus does.
    monkeypatch.setattr(synthetic, "WORKS_PER_CHUNK", works_per_chunk)
    call_command("synth", works=400, seed=3, stdout=io.StringIO())
    works = Work.objects.all()
    assert works.count() == 400
    assert Creatorship.objects.count() == Chapter.objects.count() == 400
    assert works.filter(language="en").count() > 300
    per_work = works.annotate(tag_total=Count("taggings")).values_list("tag_total", flat=True)
    assert min(per_work) >= 4 and 8 <= sum(per_work) / len(per_work) <= 30
    written = filter_tags_by_work()
    crossovers = set(works.filter(crossover=True).values_list("id", flat=True))
    refresh_filter_tags(works.values_list("id", flat=True))
    assert filter_tags_by_work() == written
    assert set(works.filter(crossover=True).values_list("id", flat=True)) == crossovers
    guest = AnonymousUser()
    criteria = Criteria(sort="kudos_count")
    assert current_index().search(criteria, audience_for(guest), 0, 20) == sql_search(
        criteria, guest, 0, 20
    )
    assert works.first().chapters.get().posted  # synthetic work pages open
    # A synthetic creator is a whole user: signed in, they can read and leave kudos.
    creator = works.first().creatorships.get().pseud.user
    reader = signed_in(creator)
    assert reader.get(works.last().get_absolute_url()).status_code == 200
    assert reader.post(reverse("feedback:kudos", args=[works.last().pk])).status_code == 302
    # Each chapter carries its work's dates (a column added to works must not shift them).
    mismatched = works.exclude(chapters__published_on=F("published_on"))
    assert not mismatched.exists()


def indexes_of_work_tables() -> set[tuple[str, str]]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename IN "
            "('works_work', 'works_tagging', 'works_chapter', 'works_creatorship', "
            "'search_filtertagging')"
        )
        return set(cursor.fetchall())


@pytest.mark.skipif(connection.vendor != "postgresql", reason="binary COPY is PostgreSQL's")
def test_synth_on_postgresql_builds_every_index_again_as_migrations_made_it(db):
    # A load into an empty archive drops the secondary indexes and builds them once at the end.
    before = indexes_of_work_tables()
    call_command("synth", works=300, seed=5, stdout=io.StringIO())
    assert indexes_of_work_tables() == before
    assert len(before) > 15
    tagging = Tagging.objects.order_by("id").first()
    assert (tagging.position, tagging.tag.type) == (0, TagType.RATING)
    assert Tagging.objects.filter(work=tagging.work).count() >= 4

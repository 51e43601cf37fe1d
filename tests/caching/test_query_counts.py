"""Each page type reads the database a bounded number of times, however many tags, creators,
chapters, comments and kudos its works have: no query per row (N+1) comes back unnoticed.

Counted with the page cache off, which turns off the rows signed-in readers share too: the
first guest or reader of a version reads everything. Cached guest pages cost no query at all
(test_guest_pages), a signed-in work page after its first reader a few (test_shared_rows).
Views are counted as production counts them, in batches, so no per-view write is in the figures.
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client

from fanfold.feedback.bookmarks import put_on_shelf, save_bookmark
from fanfold.feedback.comments import post_comment
from fanfold.feedback.kudos import leave_kudos
from fanfold.feedback.models import Subscription
from fanfold.moderation.models import SiteSettings
from fanfold.series.placement import SeriesPlacement, place_work_in_series
from fanfold.works.chapters import add_chapter
from fanfold.works.models import Chapter
from tests.conftest import signed_in
from tests.factories import UserFactory, WorkFactory

# page -> (most queries for a guest, most for a signed-in reader), as measured on 1 December
# 2026 (the signed-in work page took 26 before its reader's relations became one query, and
# 17 before a series' previous and next parts became one, and one more on every signed-in
# page before a reader holding no permission stopped asking for them; the gift, prompt and
# collection links of a work's preface are three of each work page's; a reader who bookmarked
# the work reads their bookmark for its in-page form: one more).
CAPS = {
    "work": (13, 16),
    "chapter": (15, 17),
    "whole work": (14, 17),
    "works listing": (6, 11),
    "fandom listing": (8, 13),
    "front page": (4, 5),
    "works search": (6, 10),
}


def busy_archive(author, readers: int):
    """Works with many tags, a series, three chapters, comments, kudos and bookmarks."""
    tags = {
        "characters": tuple(f"Keeper {n}" for n in range(6)),
        "freeforms": tuple(f"Lamp Oil {n}" for n in range(6)),
        "relationships": ("Keeper 0/Keeper 1",),
    }
    works = [WorkFactory(author=author, title=f"Harbour Tale {n}", **tags) for n in range(8)]
    work = works[0]
    for position in (2, 3):
        add_chapter(work, Chapter(body=f"<p>Part {position} of the tale.</p>"), post=True)
    for part in works[:3]:
        place_work_in_series(part, [author.default_pseud], SeriesPlacement(new_title="Harbour"))
    for n in range(readers):
        fan = UserFactory(username=f"fan{n}")
        leave_kudos(work, fan, ip="127.0.0.1", cookie="")
        post_comment(work, fan, f"<p>Lovely harbour, part {n}.</p>", ip="127.0.0.1")
        save_bookmark(fan, work, notes="Warm.", tag_names=["Cosy"], private=False, rec=False)
    leave_kudos(work, AnonymousUser(), ip="127.0.0.2", cookie="a" * 32)
    return work


@pytest.fixture
def pages(author, buffered_hits, settings):
    SiteSettings.current()  # made on the first page of a new archive: a write, once
    settings.GUEST_PAGE_CACHE = False
    work = busy_archive(author, readers=5)
    chapter = work.chapters.order_by("position")[1]
    return work, {
        "work": work.get_absolute_url(),
        "chapter": chapter.get_absolute_url(),
        "whole work": work.get_absolute_url() + "?view_full_work=true",
        "works listing": "/works",
        "fandom listing": "/tags/Test Fandom/works",
        "front page": "/",
        "works search": "/works/search?work_search[query]=harbour",
    }


@pytest.fixture
def reader(pages):
    """A reader with a history, a shelf, a subscription and a bookmark of the work."""
    work, _ = pages
    reader = UserFactory(username="lamplighter")
    put_on_shelf(reader, work, "want")
    Subscription.objects.create(user=reader, work=work)
    save_bookmark(reader, work, notes="Again.", tag_names=[], private=True, rec=False)
    return reader


@pytest.mark.parametrize("page", CAPS)
def test_a_guest_page_reads_the_database_a_bounded_number_of_times(
    page, pages, django_assert_max_num_queries
):
    _, urls = pages
    Client().get(urls[page])  # the filter index and the site settings are read once a process
    with django_assert_max_num_queries(CAPS[page][0]):
        assert Client().get(urls[page]).status_code == 200


@pytest.mark.parametrize("page", CAPS)
def test_a_signed_in_page_reads_the_database_a_bounded_number_of_times(
    page, pages, reader, django_assert_max_num_queries
):
    _, urls = pages
    client = signed_in(reader)
    client.get(urls[page])
    with django_assert_max_num_queries(CAPS[page][1]):
        assert client.get(urls[page]).status_code == 200


def test_more_comments_kudos_and_chapters_cost_no_more_queries(
    pages, reader, django_assert_num_queries, django_assert_max_num_queries
):
    work, urls = pages
    client = signed_in(reader)
    client.get(urls["whole work"])
    with django_assert_max_num_queries(100) as before:
        client.get(urls["whole work"])
    queries_before = len(before.captured_queries)  # the next request clears the log
    for n in range(5, 10):
        fan = UserFactory(username=f"fan{n}")
        leave_kudos(work, fan, ip="127.0.0.1", cookie="")
        post_comment(work, fan, f"<p>Another look at the harbour, {n}.</p>", ip="127.0.0.1")
    add_chapter(work, Chapter(body="<p>An epilogue.</p>"), post=True)
    client.get(urls["whole work"])
    with django_assert_num_queries(queries_before):
        client.get(urls["whole work"])


def test_a_readers_own_bookmark_costs_the_work_page_one_query_however_many_tags_it_has(
    pages, django_assert_max_num_queries
):
    work, urls = pages
    reader = UserFactory(username="lamplighter")
    client = signed_in(reader)

    def queries() -> int:
        client.get(urls["work"])  # the shared rows are read again after a change
        with django_assert_max_num_queries(100) as counted:
            client.get(urls["work"])
        return len(counted.captured_queries)

    without = queries()
    tags = [f"Lamp {n}" for n in range(8)]
    save_bookmark(reader, work, notes="Again.", tag_names=tags, private=False, rec=False)
    assert queries() == without + 1

"""Signed-in readers share the rows everyone sees alike (a work, its posted chapters, kudos and
preface links) from the page cache; nothing one reader may see or has done reaches another
reader or a guest through it, whichever of them opens the page first, and a change shows at
once. Views are counted in batches, as in production (a view written at once would change the
content generation and hide a leak)."""

import pickle

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from fanfold.accounts.models import Block, Mute
from fanfold.feedback.comments import post_comment
from fanfold.feedback.models import Subscription
from fanfold.moderation.models import SiteSettings
from fanfold.series.placement import SeriesPlacement, place_work_in_series
from fanfold.works.chapters import add_chapter
from fanfold.works.models import Chapter
from tests.conftest import signed_in
from tests.factories import UserFactory, WorkFactory

POSTED = "<p>The lighthouse keeper counted the ships.</p>"
UNPOSTED = "<p>An epilogue the keeper has not shown anyone.</p>"
BLOCKED = "you have been blocked from commenting here"


@pytest.fixture
def quiet(buffered_hits):
    """Nothing but the test's own changes moves the content generation between its pages."""
    SiteSettings.current()  # made on the first page of a new archive: a write, once


def whole_work(client: Client, work) -> str:
    answer = client.get(work.get_absolute_url() + "?view_full_work=true")
    assert answer.status_code == 200
    return answer.content.decode()


def work_with_unposted_chapter(author):
    work = WorkFactory(author=author, title="Keeper's Log", body=POSTED)
    add_chapter(work, Chapter(title="Epilogue", body=UNPOSTED), post=False)
    add_chapter(work, Chapter(title="Second Watch", body="<p>Ships again.</p>"), post=True)
    return work


def test_a_creators_unposted_chapter_never_reaches_readers_who_come_after_them(
    author, outsider, quiet
):
    work = work_with_unposted_chapter(author)
    creator, reader = signed_in(author), signed_in(outsider)
    assert "has not shown anyone" in whole_work(creator, work)
    assert "has not shown anyone" not in whole_work(reader, work)
    assert "has not shown anyone" not in whole_work(Client(), work)
    assert "lighthouse keeper counted" in whole_work(reader, work)


def test_a_creator_who_comes_after_readers_still_sees_their_unposted_chapter(
    author, outsider, quiet
):
    work = work_with_unposted_chapter(author)
    creator, reader = signed_in(author), signed_in(outsider)
    assert "has not shown anyone" not in whole_work(reader, work)
    assert "has not shown anyone" not in whole_work(Client(), work)
    assert "has not shown anyone" in whole_work(creator, work)


def test_a_hidden_work_its_creator_opened_stays_unfound_for_readers_and_guests(
    author, outsider, quiet
):
    work = WorkFactory(author=author, title="Keeper's Secret", hidden_by_admin=True)
    creator, reader = signed_in(author), signed_in(outsider)
    assert "Keeper&#x27;s Secret" in creator.get(work.get_absolute_url()).content.decode()
    assert reader.get(work.get_absolute_url()).status_code == 404
    assert Client().get(work.get_absolute_url()).status_code == 404


def test_a_restricted_work_a_reader_opened_still_asks_guests_to_sign_in(author, outsider, quiet):
    work = WorkFactory(author=author, restricted=True, body=POSTED)
    assert "lighthouse keeper counted" in whole_work(signed_in(outsider), work)
    answer = Client().get(work.get_absolute_url())
    assert answer.status_code == 302 and "/login" in answer["Location"]


def test_one_readers_block_subscription_and_mutes_never_show_on_anothers_page(
    author, outsider, quiet
):
    talker = UserFactory(username="talker")
    work = WorkFactory(author=author, body=POSTED)
    post_comment(work, talker, "<p>Which ships were they?</p>", ip="127.0.0.1")
    Block.objects.create(blocker=author, blocked=outsider)
    Mute.objects.create(muter=outsider, muted=talker)
    Subscription.objects.create(user=outsider, work=work)
    blocked, other = signed_in(outsider), signed_in(UserFactory(username="second_reader"))
    for first, second in ((blocked, other), (other, blocked)):  # either reader first
        pages = {client: whole_work(client, work) for client in (first, second, Client())}
        blocked_page, other_page = pages.pop(blocked), pages.pop(other)
        (guest_page,) = pages.values()
        assert BLOCKED in blocked_page and BLOCKED not in other_page + guest_page
        unsubscribe, subscribe = 'value="Unsubscribe"', 'value="Subscribe"'
        assert unsubscribe in blocked_page and unsubscribe not in other_page + guest_page
        assert subscribe in other_page
        assert "Which ships" not in blocked_page
        assert "Which ships" in other_page and "Which ships" in guest_page


def test_kudos_and_an_edit_show_at_once_to_every_reader(author, outsider, quiet):
    work = WorkFactory(author=author, title="First Title", body=POSTED)
    reader, second = signed_in(outsider), signed_in(UserFactory(username="second_reader"))
    for client in (reader, second):  # both pages read the shared rows once
        assert "left kudos" not in whole_work(client, work)
    assert reader.post(f"/works/{work.pk}/kudos").status_code == 302
    for client in (reader, second, Client()):
        page = whole_work(client, work)
        assert ">outsider</a>" in page and "left kudos on this work" in page
    work.chapters.update(body="<p>The keeper rewrote the log.</p>")
    assert "rewrote the log" in whole_work(second, work)


def read_by_a_first_reader(author, outsider, series: int = 0):
    """A work a first signed-in reader has opened, and a second reader who has not yet."""
    work = WorkFactory(author=author, body=POSTED)
    for number in range(series):  # each with a part before this one
        earlier = WorkFactory(author=author, title=f"Tides, part {number}")
        place_work_in_series(
            earlier, [author.default_pseud], SeriesPlacement(new_title=f"Tides {number}")
        )
        placement = SeriesPlacement(series=earlier.series_memberships.get().series)
        place_work_in_series(work, [author.default_pseud], placement)
    second = signed_in(UserFactory(username="second_reader"))  # a write: before the first page
    whole_work(signed_in(outsider), work)
    return work, second


@pytest.mark.parametrize("series", [0, 1, 2])
def test_a_second_reader_of_a_work_reads_only_their_own_rows(
    series, author, outsider, quiet, django_assert_num_queries
):
    # The user, their relations to the work (shelf, subscription, block), the comments they
    # may see, and each series' previous and next parts they may see (docs/operations.md);
    # the work, its chapters, kudos and preface links come from the first reader.
    work, second = read_by_a_first_reader(author, outsider, series)
    with django_assert_num_queries(3 + series):
        page = whole_work(second, work)
    assert "lighthouse keeper counted" in page
    assert page.count('class="previous"') == series


def test_guest_pages_filling_their_cache_leave_the_shared_rows_alone(
    author, outsider, quiet, settings, django_assert_num_queries
):
    settings.CACHES = {
        **settings.CACHES,
        "pages": {**settings.CACHES["pages"], "OPTIONS": {"MAX_ENTRIES": 3}},
    }
    others = [WorkFactory(author=author, title=f"Harbour {number}") for number in range(6)]
    work, second = read_by_a_first_reader(author, outsider)
    for other in others:  # twice as many guest pages as their cache holds
        assert Client().get(other.get_absolute_url()).status_code == 200
    with django_assert_num_queries(3):
        assert "lighthouse keeper counted" in whole_work(second, work)


def test_turning_the_page_cache_off_shares_no_rows_either(author, outsider, quiet, settings):
    # An operator ruling out a stale page turns the one switch and gets every row afresh.
    settings.GUEST_PAGE_CACHE = False
    work, elsewhere = WorkFactory(author=author, body=POSTED), WorkFactory(author=author)
    readers = [signed_in(outsider), signed_in(UserFactory(username="second_reader"))]
    whole_work(readers[0], elsewhere)  # the first buffered view queues their flush, once
    counts = []
    for reader in readers:
        with CaptureQueriesContext(connection) as queries:
            whole_work(reader, work)
        counts.append(len(queries))
    assert counts[1] == counts[0] > 3


def test_a_long_works_chapters_are_not_kept_in_memory_but_a_short_ones_are(author, outsider, quiet):
    # A work past the guest pages' 512 KiB bound would push many works' rows out of memory.
    # Its chapters are read again for each signed-in reader instead.
    long_body = "<p>" + "The tide came in over the long sands. " * 16_000 + "</p>"  # ~600 KiB
    long_work = WorkFactory(author=author, title="The Long Sands", body=long_body)
    short_work = WorkFactory(author=author, title="The Short Pier", body=POSTED)
    reader = signed_in(outsider)
    assert "long sands" in whole_work(reader, long_work)
    assert "lighthouse keeper" in whole_work(reader, short_work)

    kept = [pickle.loads(value) for value in caches["shared_rows"]._cache.values()]  # noqa: S301 (this process's own cache)
    kept_bodies = [
        c.body for value in kept if isinstance(value, list) for c in value if isinstance(c, Chapter)
    ]
    assert any("lighthouse keeper" in body for body in kept_bodies)
    assert not any("long sands" in body for body in kept_bodies)

"""Guests get cached pages; any change they could see shows at once; nobody else gets them."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from fanfold.moderation.actions import set_work_hidden
from fanfold.moderation.models import SiteSettings
from fanfold.tags.models import Tag
from fanfold.works.models import Work
from tests.conftest import signed_in
from tests.factories import UserFactory, WorkFactory


@pytest.fixture(autouse=True)
def _site_settings_exist(db):
    SiteSettings.current()  # made on the first page of a new archive: a write, once


def page(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_a_second_guest_gets_the_work_page_without_touching_the_database(
    work, buffered_hits, django_assert_num_queries
):
    first = page(Client(), work.get_absolute_url())
    with django_assert_num_queries(0):
        again = page(Client(), work.get_absolute_url())
    assert again == first.replace(_csrf(first), _csrf(again))


@pytest.mark.parametrize("url", ["/", "/works", "/tags/Test Fandom/works", "/tags/Test Fandom"])
def test_listings_front_page_and_tag_pages_are_cached_for_guests(
    work, url, buffered_hits, settings, django_assert_num_queries
):
    assert work.title in page(Client(), url) or url == "/tags/Test Fandom"
    settings.FILTER_INDEX_POLL_SECONDS = 60  # as in production: no poll between the two
    with django_assert_num_queries(0):
        page(Client(), url)


def test_an_edit_shows_at_once_on_the_work_page_and_in_listings(work):
    for url in (work.get_absolute_url(), "/works", "/"):
        assert "The Lighthouse Ledger" in page(Client(), url)
    work.title = "The Harbour Ledger"
    work.save()
    for url in (work.get_absolute_url(), "/works", "/"):
        text = page(Client(), url)
        assert "The Harbour Ledger" in text and "The Lighthouse Ledger" not in text


def test_a_hidden_work_is_gone_for_guests_at_once(work, moderator):
    page(Client(), work.get_absolute_url())
    assert work.title in page(Client(), "/works")
    set_work_hidden(moderator, work, True, "spam check")
    assert Client().get(work.get_absolute_url()).status_code == 404
    assert work.title not in page(Client(), "/works")


def test_a_listing_changes_when_this_process_index_catches_up(author, settings):
    WorkFactory(author=author, title="First Light")
    assert "First Light" in page(Client(), "/works")
    settings.FILTER_INDEX_POLL_SECONDS = 60
    later = WorkFactory(author=author, title="Second Light")
    assert "Second Light" not in page(Client(), "/works")  # this process has not polled yet
    settings.FILTER_INDEX_POLL_SECONDS = 0
    assert later.title in page(Client(), "/works")


def test_a_restricted_work_sends_guests_to_sign_in_at_once(work):
    page(Client(), work.get_absolute_url())
    Work.objects.filter(pk=work.pk).update(restricted=True)
    response = Client().get(work.get_absolute_url())
    assert response.status_code == 302 and "/login" in response["Location"]


def test_signed_in_readers_never_get_the_guest_page(work, outsider):
    guest_page = page(Client(), work.get_absolute_url())
    assert "outsider" not in guest_page
    assert "outsider" in page(signed_in(outsider), work.get_absolute_url())


def test_a_readers_muted_tags_and_default_filter_apply_though_guests_are_cached(author):
    muted = WorkFactory(author=author, title="Muted Thing", freeforms=("Sea Monsters",))
    WorkFactory(author=author, title="Explicit Thing", rating="Explicit")
    assert "Muted Thing" in page(Client(), "/works")
    reader = UserFactory(username="choosy")
    reader.preference.muted_tags.add(Tag.objects.get(name="Sea Monsters"))
    explicit = Tag.objects.get(name="Explicit")
    reader.saved_filters.create(
        name="no explicit",
        query=f"exclude_work_search[rating_ids][]={explicit.pk}",
        is_default=True,
    )
    listing = page(signed_in(reader), "/works")
    assert muted.title not in listing and "Explicit Thing" not in listing
    assert "Explicit Thing" in page(Client(), "/works")


def test_a_readers_skin_is_theirs_alone(work, outsider):
    outsider.preference.skin = "dark"
    outsider.preference.save()
    guest_page = page(Client(), work.get_absolute_url())
    reader_page = page(signed_in(outsider), work.get_absolute_url())
    assert _skin(reader_page) == "dark" and _skin(guest_page) != "dark"
    assert _skin(page(Client(), work.get_absolute_url())) == _skin(guest_page)


def test_a_guest_who_passed_the_adult_check_reads_on_while_others_are_asked(author):
    work = WorkFactory(author=author, rating="Mature", title="Grown Up Tale")
    asked = page(Client(), work.get_absolute_url())
    assert "view_adult=true" in asked
    reader = Client()
    assert "Once upon a time" in page(reader, work.get_absolute_url() + "?view_adult=true")
    assert "Once upon a time" in page(reader, work.get_absolute_url())
    assert "view_adult=true" in page(Client(), work.get_absolute_url())


def test_each_guest_gets_a_csrf_token_of_their_own_that_works(work):
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    token_one = _csrf(page(first, work.get_absolute_url()))
    token_two = _csrf(page(second, work.get_absolute_url()))
    assert token_one != token_two
    kudos = reverse("feedback:kudos", args=[work.pk])
    assert second.post(kudos, {"csrfmiddlewaretoken": token_two}).status_code == 302
    assert Work.objects.get(pk=work.pk).kudos_count == 1


def test_a_message_meant_for_one_guest_is_never_cached_for_others(author):
    restricted = WorkFactory(author=author, restricted=True)
    unlucky = Client()
    unlucky.get(restricted.get_absolute_url())  # leaves "only available to registered users"
    assert "registered users" in page(unlucky, "/")
    assert "registered users" not in page(Client(), "/")


def test_views_served_from_the_cache_still_count_hits(work):
    for _ in range(3):
        page(Client(), work.get_absolute_url())
    assert Work.objects.get(pk=work.pk).hit_count == 3


def _csrf(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def _skin(html: str) -> str:
    return re.search(r'<body class="skin-(\w+)"', html).group(1)


def test_the_csrf_meta_tag_readers_tools_read_is_the_guests_own_on_a_cached_page(work):
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    page(first, work.get_absolute_url())
    cached = page(second, work.get_absolute_url())
    token = re.search(r'<meta name="csrf-token" content="([^"]+)"', cached).group(1)
    kudos = reverse("feedback:kudos", args=[work.pk])
    assert second.post(kudos, {"csrfmiddlewaretoken": token}).status_code == 302


def test_search_results_are_cached_for_guests_by_their_query(
    author, settings, django_assert_num_queries
):
    WorkFactory(author=author, title="Harbour Lantern")
    WorkFactory(author=author, title="Mountain Beacon")
    harbour, mountain = (
        "/works/search?work_search[query]=harbour",
        "/works/search?work_search[query]=mountain",
    )
    assert "Harbour Lantern" in page(Client(), harbour)
    settings.FILTER_INDEX_POLL_SECONDS = 60  # as in production: no poll between the two
    with django_assert_num_queries(0):
        cached = page(Client(), harbour)
    assert "Harbour Lantern" in cached and "Mountain Beacon" not in cached
    other = page(Client(), mountain)
    assert "Mountain Beacon" in other and "Harbour Lantern" not in other
    settings.FILTER_INDEX_POLL_SECONDS = 0
    WorkFactory(author=author, title="Harbour Bell")
    assert "Harbour Bell" in page(Client(), harbour)

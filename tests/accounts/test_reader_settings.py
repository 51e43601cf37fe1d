"""Reader settings on the reading page: remembered per user and by cookie, applied as classes."""

import re

import pytest
from django.test import Client

from fanfold.moderation.models import SiteSettings
from tests.conftest import signed_in
from tests.factories import WorkFactory

pytestmark = pytest.mark.django_db

LARGE_LOOSE = {
    "reader-font_size": "large",
    "reader-line_width": "narrow",
    "reader-line_spacing": "loose",
    "reader-typeface": "sans",
}


def _workskin_classes(client: Client, url: str) -> str:
    html = client.get(url).content.decode()
    return re.search(r'<div id="workskin" class="([^"]*)"', html).group(1)


def test_a_guest_choice_is_kept_in_a_cookie_and_applied_to_the_text():
    work = WorkFactory()
    guest = Client()
    response = guest.post("/reader_settings", {**LARGE_LOOSE, "next": work.get_absolute_url()})
    assert response.status_code == 302
    assert response["Location"] == f"{work.get_absolute_url()}#workskin"
    assert guest.cookies["reader_settings"].value == "large.narrow.loose.sans"
    assert _workskin_classes(guest, work.get_absolute_url()).split() == [
        "reader-font-size-large",
        "reader-line-width-narrow",
        "reader-line-spacing-loose",
        "reader-typeface-sans",
    ]


def test_the_form_shows_the_reader_their_current_choice(author):
    work = WorkFactory()
    client = signed_in(author)
    client.post("/reader_settings", {**LARGE_LOOSE, "next": work.get_absolute_url()})
    html = client.get(work.get_absolute_url()).content.decode()
    assert '<option value="large" selected>' in html
    assert '<option value="sans" selected>' in html


def test_a_signed_in_choice_is_kept_in_preferences_and_follows_the_reader(author):
    work = WorkFactory()
    signed_in(author).post("/reader_settings", {**LARGE_LOOSE, "next": "/"})
    author.preference.refresh_from_db()
    assert author.preference.reading_font_size == "large"
    assert author.preference.reading_typeface == "sans"
    elsewhere = signed_in(author)  # another browser, no cookie
    assert "reader-font-size-large" in _workskin_classes(elsewhere, work.get_absolute_url())


def test_unknown_values_and_foreign_next_urls_are_refused():
    guest = Client()
    response = guest.post(
        "/reader_settings",
        {**LARGE_LOOSE, "reader-font_size": "huge", "next": "https://evil.example/"},
    )
    assert response["Location"] == "/#workskin"
    assert "reader_settings" not in guest.cookies
    guest.cookies["reader_settings"] = "huge.wide.nonsense"
    work = WorkFactory()
    assert _workskin_classes(guest, work.get_absolute_url()).split() == [
        "reader-font-size-medium",
        "reader-line-width-wide",
        "reader-line-spacing-normal",
        "reader-typeface-serif",
    ]


def test_the_guest_page_cache_never_serves_one_guests_settings_to_another(
    settings, buffered_hits, django_assert_num_queries
):
    settings.GUEST_PAGE_CACHE = True
    SiteSettings.current()
    work = WorkFactory()
    url = work.get_absolute_url()
    large = Client()
    large.cookies["reader_settings"] = "large.narrow.loose.sans"
    assert "reader-font-size-large" in _workskin_classes(large, url)
    with django_assert_num_queries(0):  # served from the cache
        assert "reader-font-size-large" in _workskin_classes(large, url)
    assert "reader-font-size-medium" in _workskin_classes(Client(), url)


def test_the_preferences_page_sets_the_same_reader_settings_as_the_reading_page(author):
    work = WorkFactory()
    client = signed_in(author)
    preferences = f"/users/{author.username}/preferences"
    client.post("/reader_settings", {**LARGE_LOOSE, "next": "/"})
    page = client.get(preferences).content.decode()
    chosen = re.findall(r'<option value="(\w+)" selected>', page)
    assert {"large", "narrow", "loose", "sans"} <= set(chosen)
    client.post(
        preferences,
        {
            "skin": "light",
            "time_zone": "UTC",
            "reading_font_size": "larger",
            "reading_line_width": "wide",
            "reading_line_spacing": "tight",
            "reading_typeface": "serif",
        },
    )
    assert _workskin_classes(client, work.get_absolute_url()).split() == [
        "reader-font-size-larger",
        "reader-line-width-wide",
        "reader-line-spacing-tight",
        "reader-typeface-serif",
    ]

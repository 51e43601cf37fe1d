"""Reading a work: AO3's markup, the adult-content check and the reader's preferences."""

import re

import pytest
from django.urls import reverse

from fanfold.tags.models import ADULT_RATINGS
from tests.factories import WorkFactory

ADULT_TEXT = "This work could have adult content. If you continue, you have agreed that you are willing to see such content."


@pytest.mark.parametrize("rating", sorted(ADULT_RATINGS))
def test_adult_ratings_show_the_interstitial_first(guest, author, rating):
    work = WorkFactory(author=author, rating=rating, body="<p>the story itself</p>")
    page = guest.get(work.get_absolute_url()).content.decode()
    assert ADULT_TEXT in page
    assert "the story itself" not in page
    assert f'href="{work.get_absolute_url()}?view_adult=true">Proceed</a>' in page


@pytest.mark.parametrize("rating", ["General Audiences", "Teen And Up Audiences"])
def test_other_ratings_go_straight_to_the_story(guest, author, rating):
    work = WorkFactory(author=author, rating=rating, body="<p>the story itself</p>")
    page = guest.get(work.get_absolute_url()).content.decode()
    assert ADULT_TEXT not in page and "the story itself" in page


def test_proceeding_is_remembered_for_the_session(guest, author):
    first = WorkFactory(author=author, rating="Mature", body="<p>first story</p>")
    second = WorkFactory(author=author, rating="Explicit", body="<p>second story</p>")
    assert (
        "first story" in guest.get(first.get_absolute_url() + "?view_adult=true").content.decode()
    )
    assert "second story" in guest.get(second.get_absolute_url()).content.decode()


def test_view_adult_works_on_chapter_urls(guest, author):
    work = WorkFactory(author=author, rating="Mature", body="<p>chapter words</p>")
    chapter = work.chapters.get()
    assert ADULT_TEXT in guest.get(chapter.get_absolute_url()).content.decode()
    page = guest.get(chapter.get_absolute_url() + "?view_adult=true").content.decode()
    assert "chapter words" in page


def test_preference_turns_the_interstitial_off(outsider, outsider_client, author):
    outsider.preference.show_adult_content = True
    outsider.preference.save()
    work = WorkFactory(author=author, rating="Mature", body="<p>no questions asked</p>")
    assert "no questions asked" in outsider_client.get(work.get_absolute_url()).content.decode()


def test_creators_never_see_the_interstitial_on_their_own_work(author_client, author):
    work = WorkFactory(author=author, rating="Explicit", body="<p>my own words</p>")
    assert "my own words" in author_client.get(work.get_absolute_url()).content.decode()


def test_work_page_has_the_markup_readers_tools_parse(guest, author):
    work = WorkFactory(
        author=author,
        title="Marked Up",
        summary="<p>The summary.</p>",
        notes="<p>The notes.</p>",
        fandoms=("Fandom One",),
        relationships=("A/B",),
        characters=("A", "B"),
        freeforms=("Fluff",),
        language="fr",
    )
    page = guest.get(work.get_absolute_url()).content.decode()
    for fragment in (
        '<dl class="work meta group">',
        '<dd class="rating tags">',
        '<dd class="warning tags">',
        '<dd class="fandom tags">',
        '<dd class="relationship tags">',
        '<dd class="character tags">',
        '<dd class="freeform tags">',
        '<dt class="freeform tags">Additional Tags:</dt>',
        '<dd class="language" lang="fr">Français</dd>',
        '<a class="tag" href="/tags/A*s*B/works">A/B</a>',
        '<h2 class="title heading">Marked Up',
        '<h3 class="byline heading"><a rel="author" href="/users/author/pseuds/author">author</a>',
        '<div class="summary module"><h3 class="heading">Summary:</h3><blockquote class="userstuff"><p>The summary.</p>',
        '<div class="notes module"><h3 class="heading">Notes:</h3>',
        '<dt class="words">Words:</dt><dd class="words">8</dd>',
        '<dt class="chapters">Chapters:</dt><dd class="chapters">1/1</dd>',
        '<dt class="kudos">Kudos:</dt>',
        '<dt class="hits">Hits:</dt>',
        '<div id="chapters" role="article">',
    ):
        assert fragment in page, fragment


def test_plural_labels_when_more_than_one(guest, author):
    work = WorkFactory(author=author, fandoms=("One", "Two"), characters=("X", "Y"))
    page = guest.get(work.get_absolute_url()).content.decode()
    assert '<dt class="fandom tags">Fandoms:</dt>' in page
    assert '<dt class="character tags">Characters:</dt>' in page
    assert '<dt class="warning tags">Archive Warning:</dt>' in page


def test_right_to_left_languages_are_marked(guest, author):
    work = WorkFactory(author=author, language="ar", body="<p>مرحبا بالعالم</p>")
    page = guest.get(work.get_absolute_url()).content.decode()
    assert re.search(r'id="workskin" class="[^"]*" dir="rtl" lang="ar"', page)


def test_full_work_preference_shows_every_chapter(outsider, outsider_client, author):
    from fanfold.works.chapters import add_chapter
    from fanfold.works.models import Chapter

    work = WorkFactory(author=author, body="<p>first part</p>")
    add_chapter(work, Chapter(body="<p>second part</p>"), post=True)
    assert "second part" not in outsider_client.get(work.get_absolute_url()).content.decode()
    outsider.preference.view_full_works = True
    outsider.preference.save()
    assert "second part" in outsider_client.get(work.get_absolute_url()).content.decode()


def test_unknown_work_is_a_friendly_404(db, guest):
    response = guest.get(reverse("works:show", args=[999999]))
    assert response.status_code == 404
    assert "we couldn't find that page" in response.content.decode()

"""Chapters: adding, editing, posting, deleting, reordering, and what they do to the work."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from fanfold.works.chapters import ChapterError, add_chapter, delete_chapter, reorder_chapters
from fanfold.works.models import Chapter
from tests.factories import WorkFactory


def chapter_form(**overrides) -> dict:
    data = {
        "title": "The Second Letter",
        "summary": "Chapter summary here.",
        "notes": "Chapter notes here.",
        "body": "Three more words.",
        "end_notes": "Chapter end notes.",
        "post": "Post",
    }
    data.update(overrides)
    return data


@pytest.fixture
def two_chapter_work(author):
    with time_machine.travel(datetime.datetime(2024, 1, 10, 12, tzinfo=datetime.UTC)):
        work = WorkFactory(author=author, body="<p>one two</p>", expected_chapters=2)
    with time_machine.travel(datetime.datetime(2024, 2, 20, 12, tzinfo=datetime.UTC)):
        add_chapter(work, Chapter(title="Later", body="<p>three four five</p>"), post=True)
    work.refresh_from_db()
    return work


def test_adding_the_last_expected_chapter_completes_the_work(two_chapter_work):
    work = two_chapter_work
    assert work.chapters_label == "2/2" and work.complete
    assert work.word_count == 5
    assert work.published_on == datetime.date(2024, 1, 10)
    assert work.updated_on == work.completed_on == datetime.date(2024, 2, 20)


def test_completed_date_is_shown_on_the_work_page(guest, two_chapter_work):
    page = guest.get(two_chapter_work.get_absolute_url()).content.decode()
    assert '<dt class="status">Completed:</dt>' in page
    assert '<dd class="status"><time datetime="2024-02-20">2024-02-20</time></dd>' in page


def test_author_adds_a_chapter_through_the_form(author_client, work):
    response = author_client.post(reverse("works:new_chapter", args=[work.pk]), chapter_form())
    work.refresh_from_db()
    chapter = work.chapters.get(position=2)
    assert response.status_code == 302 and response.url == chapter.get_absolute_url()
    assert chapter.posted and chapter.word_count == 3
    assert work.chapter_count == 2 and work.word_count == 8 + 3
    page = author_client.get(chapter.get_absolute_url()).content.decode()
    for text in ("Chapter summary here.", "Chapter notes here.", "Chapter end notes."):
        assert text in page


def test_draft_chapter_is_hidden_from_readers_and_not_counted(author_client, guest, work):
    data = chapter_form(draft="Save As Draft")
    del data["post"]
    author_client.post(reverse("works:new_chapter", args=[work.pk]), data)
    work.refresh_from_db()
    draft = work.chapters.get(position=2)
    assert not draft.posted and work.chapter_count == 1
    assert guest.get(draft.get_absolute_url()).status_code == 404
    assert author_client.get(draft.get_absolute_url()).status_code == 200
    assert "The Second Letter" not in guest.get(work.get_absolute_url()).content.decode()


def test_empty_chapter_text_is_refused_and_the_rest_kept(author_client, work):
    response = author_client.post(
        reverse("works:new_chapter", args=[work.pk]), chapter_form(body="")
    )
    assert response.status_code == 200
    assert 'value="The Second Letter"' in response.content.decode()
    assert work.chapters.count() == 1


def test_editing_a_chapter_updates_the_word_count(author_client, work):
    chapter = work.chapters.get()
    url = reverse("works:edit_chapter", args=[work.pk, chapter.pk])
    data = chapter_form(body="Just two", update="Update")
    del data["post"]
    author_client.post(url, data)
    work.refresh_from_db()
    assert work.word_count == 2


def test_deleting_a_chapter_renumbers_the_rest(author, two_chapter_work):
    first = two_chapter_work.chapters.get(position=1)
    delete_chapter(first)
    remaining = two_chapter_work.chapters.get()
    two_chapter_work.refresh_from_db()
    assert remaining.position == 1 and remaining.title == "Later"
    assert two_chapter_work.word_count == 3 and not two_chapter_work.complete


def test_the_only_chapter_cannot_be_deleted(author_client, work):
    chapter = work.chapters.get()
    response = author_client.post(reverse("works:delete_chapter", args=[work.pk, chapter.pk]))
    assert response.status_code == 302
    assert work.chapters.count() == 1
    with pytest.raises(ChapterError):
        delete_chapter(chapter)


def test_reordering_through_the_form(author_client, two_chapter_work):
    first, second = two_chapter_work.chapters.order_by("position")
    response = author_client.post(
        reverse("works:manage_chapters", args=[two_chapter_work.pk]),
        {f"position_{first.pk}": 2, f"position_{second.pk}": 1},
    )
    assert response.status_code == 302
    assert list(two_chapter_work.chapters.order_by("position").values_list("pk", flat=True)) == [
        second.pk,
        first.pk,
    ]


def test_reorder_must_name_every_chapter(two_chapter_work):
    with pytest.raises(ChapterError):
        reorder_chapters(two_chapter_work, [two_chapter_work.chapters.first().pk])


def test_chapter_pages_link_previous_and_next(guest, two_chapter_work):
    first, second = two_chapter_work.chapters.order_by("position")
    page_one = guest.get(first.get_absolute_url()).content.decode()
    page_two = guest.get(second.get_absolute_url()).content.decode()
    assert f'href="{second.get_absolute_url()}">Next Chapter' in page_one
    assert f'href="{first.get_absolute_url()}">← Previous Chapter' in page_two
    assert "Previous Chapter" not in page_one


def test_entire_work_view_shows_every_chapter_in_ao3_markup(guest, two_chapter_work):
    url = two_chapter_work.get_absolute_url() + "?view_full_work=true"
    page = guest.get(url).content.decode()
    assert 'id="chapter-1"' in page and 'id="chapter-2"' in page
    assert page.index("one two") < page.index("three four five")
    assert '<h3 class="landmark heading" id="work">Chapter Text</h3>' in page


def test_work_page_of_a_multichapter_work_shows_the_first_chapter(guest, two_chapter_work):
    page = guest.get(two_chapter_work.get_absolute_url()).content.decode()
    assert "one two" in page and "three four five" not in page
    assert "Entire Work" in page


def test_navigate_lists_chapters_with_dates(guest, two_chapter_work):
    page = guest.get(reverse("works:navigate", args=[two_chapter_work.pk])).content.decode()
    first, second = two_chapter_work.chapters.order_by("position")
    assert (
        f'<a href="{first.get_absolute_url()}">1. Chapter 1</a> <span class="datetime">(<time datetime="2024-01-10">2024-01-10</time>)</span>'
        in page
    )
    assert (
        f'<a href="{second.get_absolute_url()}">2. Later</a> <span class="datetime">(<time datetime="2024-02-20">2024-02-20</time>)</span>'
        in page
    )

"""Every id on a work's pages names one element, counted by a plain HTML parser on a three-chapter
work in two series with comments, as a guest, a reader and its creator.

The one exception is AO3's own: on the full-work page each div#chapter-N holds a div#summary and a
div#notes, which FanFicFare's AO3 adapter finds by id inside each chapter (its chapter summaries
and notes vanish from the e-book otherwise: tests/readers/test_fanficfare.py)."""

import datetime
from collections import Counter
from html.parser import HTMLParser

import pytest
from django.test import Client

from fanfold.feedback.comments import post_comment
from fanfold.series.placement import SeriesPlacement, place_work_in_series
from tests.conftest import signed_in
from tests.readers.builders import add_posted_chapter, tagged_work

CHAPTERS = 3


class _Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: Counter[str] = Counter()

    def handle_starttag(self, tag, attrs):
        self.ids.update(value for name, value in attrs if name == "id")


def ids_on(page: str) -> Counter[str]:
    parser = _Ids()
    parser.feed(page)
    return parser.ids


def repeated(ids: Counter[str]) -> dict[str, int]:
    return {value: count for value, count in ids.items() if count > 1}


def client_of(request, viewer: str) -> Client:
    return Client() if viewer == "guest" else signed_in(request.getfixturevalue(viewer))


@pytest.fixture
def long_work(author, outsider):
    work = tagged_work(author, expected_chapters=CHAPTERS, body="<p>The first tide.</p>")
    first = work.chapters.get()
    first.title, first.summary, first.notes = "Tide 1", "<p>Low.</p>", "<p>Calm.</p>"
    first.end_notes = "<p>Still.</p>"
    first.save()
    for number in range(2, CHAPTERS + 1):
        add_posted_chapter(
            work,
            datetime.date(2024, 4, number),
            title=f"Tide {number}",
            summary="<p>Higher.</p>",
            notes="<p>Wind.</p>",
            end_notes="<p>Spray.</p>",
            body=f"<p>Tide number {number}.</p>",
        )
    for title in ("Harbour Year", "Lamp Stories"):
        place_work_in_series(work, [author.default_pseud], SeriesPlacement(new_title=title))
    thread = post_comment(work, outsider, "<p>Lovely.</p>", ip="127.0.0.1")
    post_comment(work, author, "<p>Thank you.</p>", ip="127.0.0.1", parent=thread)
    return work


@pytest.mark.parametrize("viewer", ["guest", "outsider", "author"])
def test_no_id_repeats_on_the_work_page_or_any_chapter_page(request, long_work, viewer):
    client = client_of(request, viewer)
    pages = [long_work.get_absolute_url()]
    pages += [chapter.get_absolute_url() for chapter in long_work.chapters.order_by("position")]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        ids = ids_on(response.content.decode())
        assert repeated(ids) == {}, url
        assert ids["workskin"] == ids["work"] == 1, url


@pytest.mark.parametrize("viewer", ["guest", "outsider", "author"])
def test_on_the_full_work_page_only_each_chapters_summary_and_notes_share_ids(
    request, long_work, viewer
):
    client = client_of(request, viewer)
    response = client.get(f"{long_work.get_absolute_url()}?view_full_work=true")
    assert response.status_code == 200
    ids = ids_on(response.content.decode())
    assert repeated(ids) == {"summary": CHAPTERS, "notes": CHAPTERS}
    assert all(ids[f"chapter-{number}"] == 1 for number in range(1, CHAPTERS + 1))
    assert ids["workskin"] == ids["work"] == ids["series"] == 1

"""ao3-api (module AO3, unchanged) reads works, downloads, series and users from a live Fanfold."""

import datetime
import io
import zipfile

import AO3
import pytest

from fanfold.feedback.bookmarks import save_bookmark
from fanfold.series.models import Series
from fanfold.series.placement import SeriesPlacement, place_work_in_series
from tests.readers.builders import tagged_work, two_chapter_work

# ao3-api still calls BeautifulSoup's old camelCase names; that is its business, not ours.
pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.filterwarnings("ignore::DeprecationWarning:AO3"),
]


@pytest.fixture
def chaptered_work(ao3_is_fanfold, writer):
    work = two_chapter_work(writer, expected_chapters=3)
    place_work_in_series(
        work, [writer.default_pseud], SeriesPlacement(new_title="Tales of the Pier")
    )
    return work


def test_work_metadata_is_read_field_by_field(chaptered_work):
    work = AO3.Work(chaptered_work.pk)
    metadata = work.metadata
    edited = metadata.pop("date_edited")

    assert metadata == {
        "id": chaptered_work.pk,
        "title": "The Lamplighter's Almanac",
        "authors": ["quillwright"],
        "rating": "Teen And Up Audiences",
        "warnings": ["No Archive Warnings Apply"],
        "categories": ["F/M", "Gen"],
        "fandoms": ["Harbour Tales", "Lighthouse Keepers (Original)"],
        "relationships": ["Mara/Tobin"],
        "characters": ["Mara", "Tobin"],
        "tags": ["Rainy Days", "Found Family"],
        "language": "English",
        "series": ["Tales of the Pier"],
        "collections": [],
        "date_published": "2024-03-05 00:00:00",
        "date_updated": "2024-04-02 00:00:00",
        "words": 11,
        "nchapters": 2,
        "expected_chapters": 3,
        "complete": False,
        "status": "Work in Progress",
        "restricted": False,
        "kudos": 1234,
        "hits": 2000,
        "comments": 5,
        "bookmarks": 3,
        "summary": "A keeper counts the lamps.",
        "chapter_titles": ["Low Water", "High Water"],
    }
    # date_edited comes from the download links' ?updated_at=<unix time>: the work's last change.
    changed = chaptered_work.modified_at.astimezone().replace(tzinfo=None, microsecond=0)
    assert edited == str(changed)


def test_work_notes_and_each_chapters_text_summary_and_notes(chaptered_work):
    work = AO3.Work(chaptered_work.pk)

    assert work.start_notes.splitlines()[0] == "Written for a rainy week."
    assert work.end_notes.strip() == "Thank you for reading."
    one, two = work.chapters
    assert (one.number, one.title, one.text) == (1, "Low Water", "The tide came in early.\n")
    assert (two.number, two.title) == (2, "High Water")
    assert two.text == "Waves climbed the harbour wall twice.\n"
    assert two.summary.strip() == "The storm arrives."
    assert two.start_notes.splitlines()[0] == "Mind the waves."
    assert two.end_notes.strip() == "More soon."


def test_one_shot_text_and_a_restricted_flag(ao3_is_fanfold, writer):
    posted = tagged_work(writer, body="<p>Every lamp on the pier was lit by nine.</p>")
    work = AO3.Work(posted.pk)
    assert work.oneshot and work.complete and work.status == "Completed"
    assert work.text.strip() == "Every lamp on the pier was lit by nine."


def test_downloads_are_fetched_through_the_links_on_the_work_page(chaptered_work):
    work = AO3.Work(chaptered_work.pk)
    # ao3-api asks for https://archiveofourown.org//downloads/… (a doubled slash), as on AO3.
    epub = zipfile.ZipFile(io.BytesIO(work.download("EPUB")))
    assert epub.read("mimetype") == b"application/epub+zip"
    html = work.download("HTML").decode()
    assert "The Lamplighter's Almanac" in html.replace("&#x27;", "'")
    assert "Waves climbed the harbour wall twice." in html


def test_series_fields_and_its_works(ao3_is_fanfold, writer):
    first = tagged_work(writer, title="Harbour Lights")
    second = tagged_work(writer, title="Harbour Fog", published_on=datetime.date(2024, 6, 1))
    series = place_work_in_series(
        first, [writer.default_pseud], SeriesPlacement(new_title="Tales of the Pier")
    )
    place_work_in_series(second, [writer.default_pseud], SeriesPlacement(series=series))
    Series.objects.filter(pk=series.pk).update(
        summary="<p>Stories from one pier.</p>", notes="<p>Read in any order.</p>", complete=True
    )
    read = AO3.Series(series.pk)

    assert read.name == "Tales of the Pier"
    assert [creator.username for creator in read.creators] == ["quillwright"]
    assert (read.series_begun, read.series_updated) == (
        datetime.date(2024, 3, 5),
        datetime.date(2024, 6, 1),
    )
    assert (read.words, read.nworks, read.complete) == (18, 2, True)
    assert (read.description, read.notes) == ("Stories from one pier.", "Read in any order.")
    assert [work.title for work in read.work_list] == ["Harbour Lights", "Harbour Fog"]
    assert [work.id for work in read.work_list] == [first.pk, second.pk]


def test_user_works_and_bookmarks(ao3_is_fanfold, writer):
    one = tagged_work(writer, title="Harbour Lights")
    tagged_work(writer, title="Harbour Fog")
    save_bookmark(writer, one, notes="", tag_names=[], private=False, rec=False)
    user = AO3.User("quillwright")

    assert user.works == 2
    assert sorted(work.title for work in user.get_works()) == ["Harbour Fog", "Harbour Lights"]
    assert user.bookmarks == 1
    assert [work.title for work in user.get_bookmarks()] == ["Harbour Lights"]
    assert user.authenticity_token  # every page carries <meta name="csrf-token">


def test_search_finds_a_work_by_title(ao3_is_fanfold, writer):
    tagged_work(writer, title="Harbour Lights")
    tagged_work(writer, title="Quiet Fog")
    search = AO3.Search(title="Harbour")
    search.update()
    assert [work.title for work in search.results] == ["Harbour Lights"]
    assert [author.username for work in search.results for author in work.authors] == [
        "quillwright"
    ]
    assert search.total_results == 1

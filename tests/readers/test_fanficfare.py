"""FanFicFare (its AO3 adapter, unchanged) downloads and updates works from a live Fanfold."""

import datetime

import pytest
from django.utils import timezone
from fanficfare import cli

from fanfold.feedback.bookmarks import put_on_shelf, save_bookmark
from fanfold.feedback.models import Shelf, Subscription
from fanfold.series.placement import SeriesPlacement, place_work_in_series
from fanfold.works.chapters import add_chapter
from fanfold.works.models import Chapter
from tests.factories import UserFactory
from tests.readers.builders import (
    add_posted_chapter,
    ao3_url,
    chapter_files,
    tagged_work,
    two_chapter_work,
    words,
)

# FanFicFare still calls BeautifulSoup's old camelCase names; that is its business, not ours.
pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.filterwarnings("ignore::DeprecationWarning:fanficfare"),
]


def test_one_chapter_work_is_read_field_by_field_and_its_text_and_notes_reach_the_epub(
    fanficfare, writer, tmp_path
):
    work = tagged_work(writer)
    meta = fanficfare(ao3_url(work.get_absolute_url()))

    assert meta["title"] == "The Lamplighter's Almanac"
    assert meta["author"] == "quillwright"
    assert meta["authorUrl"] == ao3_url("/users/quillwright/pseuds/quillwright")
    assert meta["rating"] == "Teen And Up Audiences"
    assert meta["warnings"] == "No Archive Warnings Apply"
    assert meta["ao3categories"] == "F/M, Gen"
    assert meta["fandoms"] == "Harbour Tales, Lighthouse Keepers (Original)"
    assert meta["ships"] == "Mara/Tobin"
    assert meta["characters"] == "Mara, Tobin"
    assert meta["freeformtags"] == "Found Family, Rainy Days"  # FanFicFare sorts its lists
    assert meta["language"] == "English"
    assert meta["datePublished"] == meta["dateUpdated"] == "2024-03-05"
    assert meta["numWords"] == "9"
    assert meta["chapterslashtotal"] == "1/1" and meta["status"] == "Completed"
    assert (meta["kudos"], meta["comments"], meta["bookmarks"]) == ("1,234", "5", "3")
    assert meta["hits"] == "2,000"
    assert "A keeper counts the lamps." in meta["description"]
    assert meta["restricted"] == ""
    [chapter] = chapter_files(tmp_path / "story.epub")
    assert "Every lamp on the pier was lit by nine." in chapter
    assert "Author's Note: Written for a rainy week." in words(chapter)
    assert "Thank you for reading." in chapter


def test_multi_chapter_work_in_progress_gives_each_chapter_its_title_date_notes_and_text(
    fanficfare, writer, tmp_path
):
    work = two_chapter_work(writer, expected_chapters=None)
    meta = fanficfare(ao3_url(work.get_absolute_url()))

    assert meta["chapterslashtotal"] == "2/?" and meta["status"] == "In-Progress"
    assert (meta["datePublished"], meta["dateUpdated"]) == ("2024-03-05", "2024-04-02")
    assert meta["numWords"] == "11"
    assert [title for _, title in chapter_titles(meta)] == ["1. Low Water", "2. High Water"]
    one, two = (words(text) for text in chapter_files(tmp_path / "story.epub"))
    assert "Author's Note: Written for a rainy week." in one
    assert "Notes for the Chapter: Before the storm." in one and "The tide came in early." in one
    assert "Summary for the Chapter: The storm arrives." in two
    assert "Waves climbed the harbour wall twice." in two
    assert "Notes for the Chapter: More soon." in two
    assert "Author's Note: Thank you for reading." in two  # the work's end notes close the book


def chapter_titles(meta: dict) -> list[tuple[int, str]]:
    return [(number, chapter["title"]) for number, chapter in meta["zchapters"]]


def test_an_epub_is_updated_with_the_chapter_posted_after_it_was_made(fanficfare, writer, tmp_path):
    work = tagged_work(writer, expected_chapters=None, body="<p>Chapter one words.</p>")
    add_posted_chapter(work, datetime.date(2024, 4, 2), body="<p>Chapter two words.</p>")
    fanficfare(ao3_url(work.get_absolute_url()))
    assert len(chapter_files(tmp_path / "story.epub")) == 2

    # Posted today: FanFicFare leaves a file alone when the file is newer than the story.
    add_chapter(work, Chapter(body="<p>Chapter three arrives.</p>"), post=True)
    meta = fanficfare("--update-epub", "story.epub")

    assert meta["chapterslashtotal"] == "3/?"
    assert meta["dateUpdated"] == timezone.localdate().isoformat()
    texts = [words(text) for text in chapter_files(tmp_path / "story.epub")]
    assert len(texts) == 3
    assert "Chapter one words." in texts[0] and "Chapter two words." in texts[1]
    assert "Chapter three arrives." in texts[2]


def test_series_name_and_part_are_read_from_the_work_and_the_series_page_lists_its_works(
    fanficfare, writer, capsys
):
    UserFactory(username="reader")  # with a user name set, FanFicFare signs in before listing
    first = tagged_work(writer, title="Harbour Lights")
    second = tagged_work(writer, title="Harbour Fog")
    series = place_work_in_series(
        first, [writer.default_pseud], SeriesPlacement(new_title="Tales of the Pier")
    )
    place_work_in_series(second, [writer.default_pseud], SeriesPlacement(series=series))
    meta = fanficfare(ao3_url(second.get_absolute_url()))

    assert meta["series"] == "Tales of the Pier [2]"
    assert meta["seriesUrl"] == ao3_url(series.get_absolute_url())
    capsys.readouterr()
    cli.main(
        ["--non-interactive", "-c", "personal.ini", "--list", ao3_url(series.get_absolute_url())]
    )
    listed = capsys.readouterr().out.split()
    assert listed == [ao3_url(first.get_absolute_url()), ao3_url(second.get_absolute_url())]


def test_mature_work_needs_is_adult_and_then_reads_through_the_interstitial(
    fanficfare, writer, tmp_path, capsys
):
    work = tagged_work(writer, rating="Mature", body="<p>A grown-up kind of quiet.</p>")
    assert fanficfare(ao3_url(work.get_absolute_url())) == {}
    assert "Adult check required" in capsys.readouterr().out

    meta = fanficfare("-o", "is_adult=true", ao3_url(work.get_absolute_url()))
    assert meta["rating"] == "Mature"
    assert "A grown-up kind of quiet." in chapter_files(tmp_path / "story.epub")[0]


def test_restricted_work_is_read_after_signing_in_through_ao3s_login_flow(
    fanficfare, writer, tmp_path
):
    UserFactory(username="reader")
    work = tagged_work(writer, restricted=True, body="<p>Only for members of the pier club.</p>")
    meta = fanficfare(ao3_url(work.get_absolute_url()))

    assert meta["restricted"] == "Restricted"
    assert "Only for members of the pier club." in chapter_files(tmp_path / "story.epub")[0]


def test_restricted_work_with_a_wrong_password_is_not_downloaded(
    fanficfare, writer, tmp_path, capsys
):
    UserFactory(username="reader", password="a-different-password-9")
    work = tagged_work(writer, restricted=True)
    assert fanficfare(ao3_url(work.get_absolute_url())) == {}
    assert "Login Failed" in capsys.readouterr().out
    assert not (tmp_path / "story.epub").exists()


def test_always_login_reads_the_readers_own_bookmark_subscription_and_mark_for_later(
    fanficfare, writer
):
    reader = UserFactory(username="reader")
    work = tagged_work(writer)
    url = ao3_url(work.get_absolute_url())
    meta = fanficfare("-o", "always_login=true", url)
    assert (meta["bookmarked"], meta["subscribed"], meta["markedforlater"]) == ("False",) * 3
    assert (meta["bookmarktags"], meta["bookmarksummary"]) == ("", "")

    save_bookmark(
        reader, work, notes="<p>Read it by <em>lamplight</em>.</p>",
        tag_names=["winter reads", "Cosy"], private=True, rec=False,
    )  # fmt: skip
    Subscription.objects.create(user=reader, work=work)
    put_on_shelf(reader, work, Shelf.WANT)
    meta = fanficfare("-o", "always_login=true", url)
    assert (meta["bookmarked"], meta["subscribed"], meta["markedforlater"]) == ("True",) * 3
    assert meta["bookmarktags"] == "Cosy, winter reads"
    # The notes' HTML, as FanFicFare reads it from AO3's textarea too.
    assert meta["bookmarksummary"] == "<p>Read it by <em>lamplight</em>.</p>"
    assert (meta["bookmarkprivate"], meta["bookmarkrec"]) == ("True", "False")

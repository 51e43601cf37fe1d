"""Bookmarks with their filters, shelves (Marked for Later), history and "hide finished"."""

from django.test import Client
from django.urls import reverse

from fanfold.feedback.bookmarks import flush_reader, flush_readings, save_bookmark
from fanfold.feedback.models import Bookmark, Reading
from fanfold.works.chapters import add_chapter
from fanfold.works.models import Chapter, Work
from tests.factories import WorkFactory


def titles(response) -> list[str]:
    return sorted(work.title for work in response.context["page"].object_list)


def test_reader_bookmarks_a_work_with_notes_tags_and_rec(work, outsider, outsider_client):
    url = reverse("feedback:bookmark", args=[work.pk])
    outsider_client.post(
        url,
        {
            "notes": "<p>So <em>cosy</em>.</p><script>x</script>",
            "tags": "comfort read, reread",
            "rec": "on",
        },
    )
    bookmark = Bookmark.objects.get()
    assert bookmark.notes == "<p>So <em>cosy</em>.</p>" and bookmark.rec
    assert sorted(bookmark.tags.values_list("name", flat=True)) == ["comfort read", "reread"]
    assert Work.objects.get(pk=work.pk).bookmark_count == 1
    page = Client().get(reverse("feedback:user_bookmarks", args=["outsider"])).content.decode()
    assert "So <em>cosy</em>." in page and "The Lighthouse Ledger" in page
    outsider_client.post(url, {"notes": "", "tags": "", "private": "on"})
    assert Bookmark.objects.count() == 1 and Work.objects.get(pk=work.pk).bookmark_count == 0
    assert (
        "The Lighthouse Ledger"
        not in Client().get(reverse("feedback:user_bookmarks", args=["outsider"])).content.decode()
    )
    assert (
        "The Lighthouse Ledger"
        in outsider_client.get(
            reverse("feedback:user_bookmarks", args=["outsider"])
        ).content.decode()
    )


def test_bookmark_listing_filters_by_bookmark_fields_and_work_tags(author, outsider, guest):
    cosy = WorkFactory(author=author, title="Cosy", freeforms=("Tea",))
    rainy = WorkFactory(author=author, title="Rainy", freeforms=("Rain",))
    plain = WorkFactory(author=author, title="Plain")
    save_bookmark(
        outsider, cosy, notes="<p>lovely</p>", tag_names=["favourite"], private=False, rec=True
    )
    save_bookmark(outsider, rainy, notes="", tag_names=["favourite"], private=False, rec=False)
    save_bookmark(outsider, plain, notes="", tag_names=[], private=False, rec=False)
    url = reverse("feedback:user_bookmarks", args=["outsider"])
    assert titles(guest.get(url)) == ["Cosy", "Plain", "Rainy"]
    assert titles(guest.get(url, {"bookmark_search[rec]": "T"})) == ["Cosy"]
    assert titles(guest.get(url, {"bookmark_search[with_notes]": "T"})) == ["Cosy"]
    assert titles(guest.get(url, {"bookmark_search[other_bookmark_tag_names]": "favourite"})) == [
        "Cosy",
        "Rainy",
    ]
    assert titles(guest.get(url, {"work_search[other_tag_names]": "Rain"})) == ["Rainy"]
    page = guest.get(reverse("feedback:work_bookmarks", args=[cosy.pk])).content.decode()
    assert "Bookmarked by" in page and "lovely" in page


def test_marked_for_later_history_and_hide_finished(author, outsider, outsider_client):
    first = WorkFactory(author=author, title="First Read")
    second = WorkFactory(author=author, title="Second Read")
    outsider_client.post(reverse("feedback:shelve", args=[first.pk]), {"shelf": "want"})
    later = outsider_client.get(reverse("feedback:shelf", args=["outsider", "want"]))
    assert titles(later) == ["First Read"]
    outsider_client.get(second.get_absolute_url())
    outsider_client.get(second.get_absolute_url())
    outsider_client.get(reverse("feedback:history", args=["outsider"]))  # writes pending visits
    reading = Reading.objects.get(user=outsider, work=second)
    assert reading.visits == 2
    add_chapter(second, Chapter(title="New", body="<p>more</p>"), post=True)
    history = outsider_client.get(reverse("feedback:history", args=["outsider"])).content.decode()
    assert "Updated since you last read" in history and "2 visits" in history
    outsider_client.post(reverse("feedback:shelve", args=[second.pk]), {"shelf": "finished"})
    assert titles(
        outsider_client.get(reverse("works:list"), {"work_search[hide_finished]": "1"})
    ) == ["First Read"]
    outsider_client.post(reverse("feedback:history", args=["outsider"]))
    assert not Reading.objects.filter(user=outsider, last_visited__isnull=False).exists()
    assert Reading.objects.filter(
        user=outsider, work=first, shelf="want"
    ).exists()  # Marked for Later stays


def test_history_can_be_turned_off(work, outsider, outsider_client):
    outsider.preference.keep_history = False
    outsider.preference.save()
    outsider_client.get(work.get_absolute_url())
    flush_readings.call()
    assert not Reading.objects.exists()


def test_visits_reach_the_database_in_batches(work, outsider, outsider_client):
    for _ in range(3):
        outsider_client.get(work.get_absolute_url())
    flush_readings.call()
    flush_reader(outsider.pk)
    assert Reading.objects.get(user=outsider, work=work).visits == 3


def test_shelves_and_history_are_private(author_client, outsider):
    assert author_client.get(reverse("feedback:history", args=["outsider"])).status_code == 403
    assert (
        author_client.get(reverse("feedback:shelf", args=["outsider", "want"])).status_code == 403
    )


def test_series_can_be_bookmarked_and_show_on_the_bookmarks_page(
    author, outsider, outsider_client, guest
):
    from fanfold.series.placement import SeriesPlacement, place_work_in_series

    series = place_work_in_series(
        WorkFactory(author=author),
        [author.default_pseud],
        SeriesPlacement(new_title="Saga of Boats"),
    )
    outsider_client.post(
        reverse("feedback:bookmark_series", args=[series.pk]), {"notes": "whole saga", "rec": "on"}
    )
    bookmark = Bookmark.objects.get(series=series)
    assert bookmark.work is None and bookmark.rec
    page = guest.get(reverse("feedback:user_bookmarks", args=["outsider"])).content.decode()
    assert "Bookmarked series" in page and "Saga of Boats" in page and "whole saga" in page

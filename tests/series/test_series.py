"""Series: placing works in order, the series page, and Part N of S on work pages."""

import pytest
from django.urls import reverse

from fanfold.series.models import Series
from fanfold.series.placement import SeriesPlacement, place_work_in_series, remove_work_from_series
from tests.factories import WorkFactory
from tests.works.test_post_work import work_form


def parts(series: Series) -> list[str]:
    return [m.work.title for m in series.memberships.order_by("position")]


def test_works_append_in_order_and_insert_at_a_position(author):
    pseuds = [author.default_pseud]
    one, two, three = (WorkFactory(author=author, title=t) for t in ("One", "Two", "Three"))
    series = place_work_in_series(one, pseuds, SeriesPlacement(new_title="Saga"))
    place_work_in_series(two, pseuds, SeriesPlacement(series=series))
    place_work_in_series(three, pseuds, SeriesPlacement(series=series, position=1))
    assert parts(series) == ["Three", "One", "Two"]
    assert list(series.memberships.values_list("position", flat=True)) == [1, 2, 3]
    remove_work_from_series(one, series)
    assert parts(series) == ["Three", "Two"]
    assert list(series.memberships.values_list("position", flat=True)) == [1, 2]


def test_posting_into_a_new_series_then_an_existing_one(author, author_client):
    author_client.post(
        reverse("works:new"),
        work_form(author, title="Part One", new_series_title="The Long Way Home"),
    )
    series = Series.objects.get(title="The Long Way Home")
    author_client.post(reverse("works:new"), work_form(author, title="Part Two", series=series.pk))
    assert parts(series) == ["Part One", "Part Two"]


def test_choosing_both_an_existing_and_a_new_series_is_refused(author, author_client):
    series = place_work_in_series(
        WorkFactory(author=author), [author.default_pseud], SeriesPlacement(new_title="S")
    )
    response = author_client.post(
        reverse("works:new"), work_form(author, series=series.pk, new_series_title="Another")
    )
    assert "Choose an existing series or a new title, not both." in response.content.decode()


def test_someone_elses_series_cannot_be_chosen(author, outsider, author_client):
    theirs = place_work_in_series(
        WorkFactory(author=outsider), [outsider.default_pseud], SeriesPlacement(new_title="Theirs")
    )
    response = author_client.post(reverse("works:new"), work_form(author, series=theirs.pk))
    assert response.status_code == 200
    assert parts(theirs) == [theirs.memberships.get().work.title]


def test_work_page_shows_part_n_of_the_series_with_neighbours(author, guest):
    pseuds = [author.default_pseud]
    first, second, third = (
        WorkFactory(author=author, title=t) for t in ("First", "Second", "Third")
    )
    series = place_work_in_series(first, pseuds, SeriesPlacement(new_title="Trilogy"))
    place_work_in_series(second, pseuds, SeriesPlacement(series=series))
    place_work_in_series(third, pseuds, SeriesPlacement(series=series))
    page = guest.get(second.get_absolute_url()).content.decode()
    assert f'Part 2 of <a href="/series/{series.pk}">Trilogy</a>' in page
    assert f'href="{first.get_absolute_url()}">← Previous Work' in page
    assert f'href="{third.get_absolute_url()}">Next Work →' in page


def test_series_neighbours_skip_works_the_reader_cannot_see(author, guest):
    pseuds = [author.default_pseud]
    first = WorkFactory(author=author)
    hidden = WorkFactory(author=author, restricted=True)
    last = WorkFactory(author=author)
    series = place_work_in_series(first, pseuds, SeriesPlacement(new_title="Gappy"))
    place_work_in_series(hidden, pseuds, SeriesPlacement(series=series))
    place_work_in_series(last, pseuds, SeriesPlacement(series=series))
    page = guest.get(first.get_absolute_url()).content.decode()
    assert f'href="{last.get_absolute_url()}">Next Work' in page
    series_page = guest.get(series.get_absolute_url()).content.decode()
    assert hidden.title not in series_page and last.title in series_page


def test_series_page_lists_works_in_order_with_totals(author, guest):
    pseuds = [author.default_pseud]
    a = WorkFactory(author=author, title="Alpha", body="<p>one two three</p>")
    b = WorkFactory(author=author, title="Beta", body="<p>four five</p>")
    series = place_work_in_series(b, pseuds, SeriesPlacement(new_title="Letters"))
    place_work_in_series(a, pseuds, SeriesPlacement(series=series, position=1))
    page = guest.get(series.get_absolute_url()).content.decode()
    assert page.index("Alpha") < page.index("Beta")
    assert '<dt class="words">Words:</dt><dd class="words">5</dd>' in page
    assert '<dt class="works">Works:</dt><dd class="works">2</dd>' in page


def test_creator_edits_the_series_and_outsiders_cannot(author, author_client, outsider_client):
    series = place_work_in_series(
        WorkFactory(author=author), [author.default_pseud], SeriesPlacement(new_title="Old")
    )
    url = reverse("series:edit", args=[series.pk])
    assert outsider_client.post(url, {"title": "Hacked"}).status_code == 403
    author_client.post(url, {"title": "New Title", "summary": "<p>About</p>", "complete": "on"})
    series.refresh_from_db()
    assert series.title == "New Title" and series.complete


def test_leaving_a_series_from_the_edit_form(author, author_client):
    work = WorkFactory(author=author)
    series = place_work_in_series(
        work, [author.default_pseud], SeriesPlacement(new_title="Leaving")
    )
    data = work_form(author, title=work.title, leave_series=[series.pk], update="Update")
    del data["post"]
    author_client.post(reverse("works:edit", args=[work.pk]), data)
    assert not series.memberships.exists()


def test_series_works_listing_has_the_filter_and_only_visible_parts(author, guest):
    pseuds = [author.default_pseud]
    one = WorkFactory(author=author, title="Part A", freeforms=("Snow",))
    two = WorkFactory(author=author, title="Part B")
    secret = WorkFactory(author=author, title="Part C", restricted=True, freeforms=("Snow",))
    WorkFactory(author=author, title="Elsewhere", freeforms=("Snow",))
    series = place_work_in_series(one, pseuds, SeriesPlacement(new_title="Winter"))
    place_work_in_series(two, pseuds, SeriesPlacement(series=series))
    place_work_in_series(secret, pseuds, SeriesPlacement(series=series))
    url = reverse("series:works", args=[series.pk])
    response = guest.get(url, {"work_search[other_tag_names]": "Snow"})
    assert [work.title for work in response.context["page"].object_list] == ["Part A"]
    assert "1 – 1 of 1 Works in Winter" in response.content.decode()


@pytest.mark.parametrize("kind", ["draft", "restricted", "hidden", "unrevealed"])
def test_series_sitemap_lists_only_series_with_a_work_a_guest_may_read(author, guest, kind):
    fields = {
        "draft": {"posted": False},
        "restricted": {"restricted": True},
        "hidden": {"hidden_by_admin": True},
        "unrevealed": {"unrevealed": True},
    }[kind]
    out_of_sight = place_work_in_series(
        WorkFactory(author=author, **fields),
        [author.default_pseud],
        SeriesPlacement(new_title="Kept Back"),
    )
    readable = place_work_in_series(
        WorkFactory(author=author), [author.default_pseud], SeriesPlacement(new_title="Open")
    )
    sitemap = guest.get(reverse("archive:sitemap", args=["series"])).content.decode()
    assert readable.get_absolute_url() + "</loc>" in sitemap
    assert out_of_sight.get_absolute_url() + "</loc>" not in sitemap

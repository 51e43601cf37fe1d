"""AO3's bookmark form on the work page: a signed-in reader's own bookmark, in AO3's markup,
saved without JavaScript; nobody else's page, and no guest page, ever holds it."""

from django.test import Client
from django.urls import reverse
from lxml import html

from fanfold.feedback.bookmarks import save_bookmark
from fanfold.feedback.models import Bookmark
from fanfold.series.placement import SeriesPlacement, place_work_in_series
from fanfold.works.models import Work
from tests.conftest import signed_in
from tests.factories import UserFactory, WorkFactory


def work_page(client: Client, work: Work) -> html.HtmlElement:
    response = client.get(work.get_absolute_url())
    assert response.status_code == 200
    return html.fromstring(response.content)


def bookmark_form(page: html.HtmlElement) -> html.FormElement:
    (form,) = page.xpath(
        "//div[@id='bookmark_form_placement' and contains(@class, 'toggled')]"
        "/div[@id='bookmark-form']//form"
    )
    return form


def submit(client: Client, form: html.FormElement, **fields: str | bool):
    """Fills the form as a reader would (True ticks a box, False clears it) and posts it."""
    for name, value in fields.items():
        control = form.inputs[f"bookmark[{name}]"]
        if isinstance(value, bool):
            control.checked = value
        else:
            control.value = value
    return client.post(form.action, dict(form.form_values()))


def test_a_reader_gets_aos_bookmark_form_behind_the_bookmark_link(work, outsider_client):
    page = work_page(outsider_client, work)
    (link,) = page.xpath("//ul[@aria-label='Work']/li[@class='bookmark']/a")
    assert (link.get("href"), link.get("class"), link.text) == (
        "#bookmark-form",
        "bookmark_form_placement_open",
        "Bookmark",
    )
    form = bookmark_form(page)
    assert form.action == reverse("feedback:bookmark", args=[work.pk])
    assert form.xpath(".//textarea[@id='bookmark_notes']/@name") == ["bookmark[bookmarker_notes]"]
    assert form.xpath(".//input[@id='bookmark_tag_string']/@name") == ["bookmark[tag_string]"]
    boxes = form.xpath(".//input[@type='checkbox' and not(@checked)]")
    assert [(box.get("id"), box.name) for box in boxes] == [
        ("bookmark_private", "bookmark[private]"),
        ("bookmark_rec", "bookmark[rec]"),
    ]
    assert form.xpath(".//input[@type='submit']/@value") == ["Create"]
    assert not page.xpath("//div[@id='bookmark_form_placement']//*[@style]")  # the CSP forbids them


def test_the_inline_form_creates_then_updates_the_bookmark_with_its_notes_sanitised(
    work, outsider, outsider_client
):
    response = submit(
        outsider_client,
        bookmark_form(work_page(outsider_client, work)),
        bookmarker_notes='<p>So <em>cosy</em>.</p><script>alert("x")</script>',
        tag_string="reread, comfort read",
        private=True,
    )
    assert response.status_code == 302
    bookmark = Bookmark.objects.get(user=outsider, work=work)
    assert bookmark.notes == "<p>So <em>cosy</em>.</p>"
    assert (bookmark.private, bookmark.rec) == (True, False)
    assert Work.objects.get(pk=work.pk).bookmark_count == 0  # private

    page = work_page(outsider_client, work)
    assert page.xpath("//li[@class='bookmark']/a/text()") == ["Edit Bookmark"]
    form = bookmark_form(page)
    assert form.action == f"/bookmarks/{bookmark.pk}"  # AO3's: FanFicFare reads it as bookmarked
    assert form.inputs["bookmark[bookmarker_notes]"].value == "<p>So <em>cosy</em>.</p>"
    assert form.inputs["bookmark[tag_string]"].value == "comfort read, reread"
    assert form.inputs["bookmark[private]"].checked and not form.inputs["bookmark[rec]"].checked
    assert form.xpath(".//input[@type='submit']/@value") == ["Update"]

    submit(outsider_client, form, tag_string="comfort read", private=False, rec=True)
    bookmark = Bookmark.objects.get(user=outsider, work=work)
    assert list(bookmark.tags.values_list("name", flat=True)) == ["comfort read"]
    assert (bookmark.private, bookmark.rec) == (False, True)
    assert Work.objects.get(pk=work.pk).bookmark_count == 1


def test_aos_zero_for_an_unticked_box_leaves_it_unticked(work, outsider, outsider_client):
    outsider_client.post(
        reverse("feedback:bookmark", args=[work.pk]),
        {"bookmark[bookmarker_notes]": "Later.", "bookmark[private]": "0", "bookmark[rec]": "1"},
    )
    bookmark = Bookmark.objects.get(user=outsider, work=work)
    assert (bookmark.notes, bookmark.private, bookmark.rec) == ("<p>Later.</p>", False, True)


def test_a_bookmark_is_updated_at_its_address_by_its_owner_alone(work, outsider, author_client):
    bookmark = save_bookmark(
        outsider, work, notes="<p>Mine.</p>", tag_names=[], private=False, rec=False
    )
    url = reverse("feedback:update_bookmark", args=[bookmark.pk])
    stranger = signed_in(UserFactory(username="stranger"))
    for client in (author_client, stranger):
        assert client.post(url, {"bookmark[bookmarker_notes]": "Theirs."}).status_code == 404
    assert Client().post(url, {"bookmark[bookmarker_notes]": "A guest's."}).status_code == 302
    assert signed_in(outsider).get(url).status_code == 405
    assert Bookmark.objects.get().notes == "<p>Mine.</p>"


def test_guests_creators_and_other_readers_never_get_a_readers_bookmark_form(
    work, author_client, outsider, outsider_client, buffered_hits, django_assert_num_queries
):
    save_bookmark(
        outsider, work, notes="<p>Only mine to see.</p>", tag_names=["secret shelf"],
        private=True, rec=False,
    )  # fmt: skip
    assert "Only mine to see." in html.tostring(work_page(outsider_client, work)).decode()

    other = work_page(signed_in(UserFactory(username="second_reader")), work)
    assert bookmark_form(other).action == reverse("feedback:bookmark", args=[work.pk])
    guest = work_page(Client(), work)
    with django_assert_num_queries(0):  # the cached guest page
        cached_guest = work_page(Client(), work)
    creator = work_page(author_client, work)
    for page in (other, guest, cached_guest, creator):
        text = html.tostring(page).decode()
        assert "Only mine to see." not in text and "secret shelf" not in text
    for page in (guest, cached_guest, creator):
        assert not page.xpath("//*[@id='bookmark-form' or starts-with(@name, 'bookmark[')]")
        assert not page.xpath("//a[@class='bookmark_form_placement_open']")


def test_a_series_bookmark_is_updated_at_its_address_too(author, outsider, outsider_client):
    work = WorkFactory(author=author)
    series = place_work_in_series(
        work, [author.default_pseud], SeriesPlacement(new_title="Saga of Boats")
    )
    bookmark = save_bookmark(outsider, series, notes="", tag_names=[], private=False, rec=False)
    outsider_client.post(
        reverse("feedback:update_bookmark", args=[bookmark.pk]),
        {"bookmark[bookmarker_notes]": "<p>The whole saga.</p>", "bookmark[rec]": "1"},
    )
    bookmark = Bookmark.objects.get()
    assert (bookmark.series, bookmark.notes, bookmark.rec) == (
        series,
        "<p>The whole saga.</p>",
        True,
    )

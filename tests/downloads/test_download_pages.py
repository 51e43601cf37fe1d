"""Downloading through HTTP: who may, the menu, names, caching, invalidation, ranges."""

import re

import pytest
from django.core.cache import cache, caches
from django.core.files.storage import default_storage
from django.urls import reverse

from fanfold.downloads import service
from fanfold.works.chapters import add_chapter
from fanfold.works.models import Chapter
from tests.factories import WorkFactory


def url(work, extension: str) -> str:
    return reverse("downloads:work", args=[work.pk, "name", extension])


@pytest.fixture
def count_generations(monkeypatch):
    made = []
    original = service._generate

    def counting(book, html, extension):
        made.append(extension)
        return original(book, html, extension)

    monkeypatch.setattr(service, "_generate", counting)
    return made


def test_work_page_offers_every_available_format(guest, work):
    page = guest.get(work.get_absolute_url()).content.decode()
    for extension in ("EPUB", "PDF", "HTML"):
        # AO3's links carry ?updated_at=<unix time>, as ao3-api expects.
        link = rf'/downloads/{work.pk}/The_Lighthouse_Ledger\.{extension.lower()}\?updated_at=\d+">{extension}</a>'
        assert re.search(link, page)
    assert '<li class="download">' in page


def test_calibre_formats_appear_only_when_calibre_is_installed(guest, work, monkeypatch):
    monkeypatch.setattr(service, "calibre_installed", lambda: False)
    assert guest.get(url(work, "azw3")).status_code == 404
    assert "AZW3" not in guest.get(work.get_absolute_url()).content.decode()
    monkeypatch.setattr(service, "calibre_installed", lambda: True)
    caches["pages"].clear()  # installing Calibre means a restart, which empties page caches
    assert "AZW3" in guest.get(work.get_absolute_url()).content.decode()


def test_download_has_ao3_file_name_and_utf8_title(guest, author):
    work = WorkFactory(author=author, title="Café Lumière at Dusk, Again")
    response = guest.get(url(work, "html"))
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        "attachment; filename=\"Cafe_Lumiere_at_Dusk.html\"; filename*=UTF-8''Caf%C3%A9%20Lumi%C3%A8re%20at%20Dusk%2C%20Again.html"
    )
    assert response["Content-Security-Policy"].startswith("default-src 'none'")


@pytest.mark.parametrize(("kind", "status"), [("draft", 404), ("hidden", 404)])
def test_nobody_downloads_what_they_may_not_read(guest, outsider_client, author, kind, status):
    fields = {"draft": {"posted": False}, "hidden": {"hidden_by_admin": True}}[kind]
    work = WorkFactory(author=author, **fields)
    assert guest.get(url(work, "epub")).status_code == status
    assert outsider_client.get(url(work, "epub")).status_code == status


def test_restricted_downloads_need_an_account(guest, outsider_client, author):
    work = WorkFactory(author=author, restricted=True)
    response = guest.get(url(work, "html"))
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))
    assert outsider_client.get(url(work, "html")).status_code == 200
    assert outsider_client.get(url(work, "html"))["Cache-Control"].startswith("private")


def test_files_are_made_once_and_remade_when_the_work_changes(guest, work, count_generations):
    first = guest.get(url(work, "epub"))
    guest.get(url(work, "epub"))
    assert count_generations == ["epub"]
    add_chapter(work, Chapter(title="A New Chapter", body="<p>More.</p>"), post=True)
    second = guest.get(url(work, "epub"))
    assert count_generations == ["epub", "epub"]
    assert first["ETag"] != second["ETag"]
    _, files = default_storage.listdir(f"downloads/works/{work.pk}")
    assert files == [second["ETag"].strip('"') + ".epub"]  # the old version was removed


def test_conditional_and_range_requests(guest, work):
    full = guest.get(url(work, "epub"))
    assert guest.get(url(work, "epub"), HTTP_IF_NONE_MATCH=full["ETag"]).status_code == 304
    part = guest.get(url(work, "epub"), HTTP_RANGE="bytes=0-9")
    assert part.status_code == 206 and part.content == full.content[:10]
    assert part["Content-Range"] == f"bytes 0-9/{len(full.content)}"
    tail = guest.get(url(work, "epub"), HTTP_RANGE="bytes=-5")
    assert tail.content == full.content[-5:]
    assert (
        guest.get(url(work, "epub"), HTTP_RANGE=f"bytes={len(full.content) + 5}-").status_code
        == 416
    )


def test_a_file_being_made_elsewhere_answers_being_prepared(guest, work, monkeypatch):
    monkeypatch.setattr(service, "WAIT_SECONDS", 0.3)
    html = service.render_html(service_book(work))
    version = service.hashlib.sha256(service.FORMAT_VERSION.encode() + html).hexdigest()[:24]
    cache.add(f"download-lock:downloads/works/{work.pk}/{version}.pdf", 1, 60)
    response = guest.get(url(work, "pdf"))
    assert response.status_code == 503 and response["Retry-After"] == "5"
    assert "being prepared" in response.content.decode()


def service_book(work):
    """The book the download view makes for Django's test client (host "testserver")."""
    from fanfold.downloads.book import work_book
    from fanfold.downloads.content import work_content
    from fanfold.works.listing import with_details
    from fanfold.works.models import Work

    site = "http://testserver"
    return work_book(work_content(with_details(Work.objects.all()).get(pk=work.pk), site), site)


def test_whole_series_downloads_as_one_book_of_visible_works(guest, author):
    from fanfold.series.placement import SeriesPlacement, place_work_in_series

    one = WorkFactory(author=author, title="Part One Title", body="<p>one</p>")
    hidden = WorkFactory(author=author, title="Members Only Part", restricted=True)
    three = WorkFactory(author=author, title="Part Three Title", body="<p>three</p>")
    series = place_work_in_series(one, [author.default_pseud], SeriesPlacement(new_title="Saga"))
    place_work_in_series(hidden, [author.default_pseud], SeriesPlacement(series=series))
    place_work_in_series(three, [author.default_pseud], SeriesPlacement(series=series))
    page = guest.get(reverse("downloads:series", args=[series.pk, "Saga", "html"])).content.decode()
    assert page.index("Part 1: Part One Title") < page.index("Part 2: Part Three Title")
    assert "Members Only Part" not in page
    assert (
        f"/series/{series.pk}/downloads/Saga.epub"
        in guest.get(series.get_absolute_url()).content.decode()
    )


@pytest.mark.skipif(not service.calibre_installed(), reason="Calibre is optional (`make calibre`)")
@pytest.mark.parametrize("extension", ["azw3", "mobi"])
def test_calibre_formats_are_real_mobipocket_files(guest, work, extension):
    response = guest.get(url(work, extension))
    assert response.status_code == 200
    assert response.content[60:68] == b"BOOKMOBI"


def test_marked_for_later_downloads_as_one_book(author, outsider, outsider_client, guest):
    from fanfold.feedback.bookmarks import put_on_shelf

    for title in ("Later One", "Later Two"):
        put_on_shelf(outsider, WorkFactory(author=author, title=title), "want")
    WorkFactory(author=author, title="Not On The Shelf")
    url = reverse("downloads:marked_for_later", args=["html"])
    page = outsider_client.get(url).content.decode()
    assert "Later One" in page and "Later Two" in page and "Not On The Shelf" not in page
    assert (
        outsider_client.get(reverse("downloads:marked_for_later", args=["epub"]))["Content-Type"]
        == "application/epub+zip"
    )
    assert guest.get(url).status_code == 302
    shelf_page = outsider_client.get(
        reverse("feedback:shelf", args=["outsider", "want"])
    ).content.decode()
    assert url in shelf_page

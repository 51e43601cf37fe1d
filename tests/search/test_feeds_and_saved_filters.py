"""Atom feeds of filters and saved filters."""

from xml.etree import ElementTree

from django.urls import reverse

from fanfold.search.models import SavedFilter
from fanfold.tags.models import Tag
from tests.factories import WorkFactory

ATOM = "{http://www.w3.org/2005/Atom}"


def entry_titles(response) -> list[str]:
    root = ElementTree.fromstring(response.content)
    return [entry.find(f"{ATOM}title").text for entry in root.iter(f"{ATOM}entry")]


def test_filter_feed_lists_matching_visible_works(guest, author):
    WorkFactory(author=author, title="Cosy Feed Work", freeforms=("Cosy",))
    WorkFactory(author=author, title="Other Feed Work")
    WorkFactory(author=author, title="Locked Feed Work", freeforms=("Cosy",), restricted=True)
    response = guest.get(reverse("search:works_feed"), {"work_search[other_tag_names]": "Cosy"})
    assert response["Content-Type"].startswith("application/atom+xml")
    assert entry_titles(response) == ["Cosy Feed Work"]


def test_tag_feed(guest, author):
    WorkFactory(author=author, title="Tagged", freeforms=("Rain",))
    WorkFactory(author=author, title="Untagged")
    assert entry_titles(guest.get(reverse("search:tag_feed", args=["Rain"]))) == ["Tagged"]


def test_filter_page_links_its_feed(guest, author):
    WorkFactory(author=author)
    page = guest.get(reverse("works:list"), {"work_search[complete]": "T"}).content.decode()
    assert "/works/feed.atom?work_search%5Bcomplete%5D=T" in page


def test_reader_saves_and_deletes_a_filter(outsider, outsider_client):
    response = outsider_client.post(
        reverse("search:save_filter"),
        {"name": "Complete only", "path": "/works", "query": "work_search%5Bcomplete%5D=T"},
    )
    saved = SavedFilter.objects.get(user=outsider)
    assert response.url == "/works?work_search%5Bcomplete%5D=T"
    page = outsider_client.get(reverse("search:saved_filters")).content.decode()
    assert 'href="/works?work_search%5Bcomplete%5D=T">Complete only</a>' in page
    outsider_client.post(reverse("search:delete_saved_filter", args=[saved.pk]))
    assert not SavedFilter.objects.exists()


def test_saved_filter_never_redirects_off_site(outsider_client, outsider):
    response = outsider_client.post(
        reverse("search:save_filter"), {"name": "x", "path": "//evil.example/", "query": ""}
    )
    assert response.url == "/works"


def test_nobody_deletes_someone_elses_saved_filter(outsider, author_client):
    saved = SavedFilter.objects.create(user=outsider, name="mine", query="")
    assert (
        author_client.post(reverse("search:delete_saved_filter", args=[saved.pk])).status_code
        == 404
    )
    assert SavedFilter.objects.filter(pk=saved.pk).exists()


def test_a_default_filter_applies_to_listings_opened_without_a_filter(
    author, outsider, outsider_client
):
    WorkFactory(author=author, title="Gentle Story")
    WorkFactory(author=author, title="Adult Story", rating="Explicit")
    explicit = Tag.objects.get(name="Explicit")
    saved = SavedFilter.objects.create(
        user=outsider, name="No Explicit", query=f"exclude_work_search[rating_ids][]={explicit.pk}"
    )
    outsider_client.post(reverse("search:default_filter", args=[saved.pk]))
    page = outsider_client.get(reverse("works:list")).content.decode()
    assert "Gentle Story" in page and "Adult Story" not in page
    assert "Your default filter “No Explicit” is on" in page
    tag_page = outsider_client.get(reverse("tags:works", args=["Explicit"])).content.decode()
    assert "Adult Story" not in tag_page and "Show without it" in tag_page
    unfiltered = outsider_client.get(reverse("works:list"), {"no_default": "1"})
    assert "Adult Story" in unfiltered.content.decode()
    # A filter of the reader's own replaces the default.
    own = outsider_client.get(reverse("works:list"), {"work_search[query]": "Story"})
    assert "Adult Story" in own.content.decode()
    outsider_client.post(reverse("search:default_filter", args=[saved.pk]))
    assert "Adult Story" in outsider_client.get(reverse("works:list")).content.decode()


def test_nobody_sets_someone_elses_default_filter(outsider, author_client):
    saved = SavedFilter.objects.create(user=outsider, name="mine", query="")
    response = author_client.post(reverse("search:default_filter", args=[saved.pk]))
    assert response.status_code == 404
    saved.refresh_from_db()
    assert not saved.is_default

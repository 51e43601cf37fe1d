"""Every way a work changes reaches the filter index: the index was built before the data,
then the clock moves past the change log's re-read window, so a change nobody announced
leaves the listing stale and these tests fail."""

import lxml.html
import pytest
from django.db import OperationalError
from django.urls import reverse

import fanfold.search.registry as registry
from fanfold.collections.items import add_work
from fanfold.collections.membership import create_collection
from fanfold.collections.models import Collection
from fanfold.feedback import comments, kudos
from fanfold.moderation.actions import set_work_hidden
from fanfold.series.models import Series, SeriesWork
from fanfold.tags.models import MetaTagging, Tag, TagType
from tests.conftest import signed_in
from tests.factories import UserFactory, WorkFactory

WORKS = reverse("works:list")


def listed(client, query: str = "", **params) -> str:
    if query:
        params["work_search[query]"] = query
    return client.get(WORKS, params).content.decode()


def admin_form(client, url: str) -> dict[str, list[str]]:
    """The admin change form as a browser would submit it unchanged."""
    page = lxml.html.fromstring(client.get(url).content)
    form = next(f for f in page.forms if f.get("id", "").endswith("_form"))
    values: dict[str, list[str]] = {}
    for name, value in form.form_values():
        values.setdefault(name, []).append(value)
    return values


@pytest.fixture
def listed_work(author, guest, settle_index):
    work = WorkFactory(author=author, title="Harbour Lights", freeforms=("Lanterns",))
    assert "Harbour Lights" in listed(guest)
    settle_index()
    return work


def test_a_work_hidden_by_a_moderator_leaves_the_guest_listing(listed_work, moderator, guest):
    set_work_hidden(moderator, listed_work, True, "spam")
    assert "Harbour Lights" not in listed(guest)


def test_a_work_the_admin_form_restricts_leaves_the_guest_listing(listed_work, site_admin, guest):
    client = signed_in(site_admin)
    url = reverse("admin:works_work_change", args=[listed_work.pk])
    form = admin_form(client, url)
    form["restricted"] = ["on"]
    assert client.post(url, form).status_code == 302
    assert "Harbour Lights" not in listed(guest)


@pytest.fixture
def surprise_collection(author):
    """An unrevealed, anonymous collection: what once were the admin's per-work checkboxes."""
    collection = Collection(name="Winter_Letters", title="Winter Letters")
    collection.unrevealed = collection.anonymous = True
    return create_collection(collection, author.default_pseud)


def test_a_work_posted_to_an_unrevealed_collection_leaves_the_guest_listing(
    listed_work, author, surprise_collection, guest
):
    add_work(surprise_collection, listed_work, author)
    assert "Harbour Lights" not in listed(guest)


def test_a_work_in_an_anonymous_collection_is_not_found_by_its_creator(
    listed_work, author, surprise_collection, guest
):
    assert "Harbour Lights" in listed(guest, "author")
    surprise_collection.unrevealed = False
    surprise_collection.save()
    add_work(surprise_collection, listed_work, author)
    assert "Harbour Lights" in listed(guest)
    assert "Harbour Lights" not in listed(guest, "author")


def test_a_tag_the_admin_form_removes_no_longer_finds_the_work(listed_work, site_admin, guest):
    lanterns = listed_work.tags.get(name="Lanterns")
    tag_page = reverse("tags:works", args=["Lanterns"])
    assert "Harbour Lights" in guest.get(tag_page).content.decode()
    client = signed_in(site_admin)
    url = reverse("admin:works_work_change", args=[listed_work.pk])
    form = admin_form(client, url)
    row = next(k for k, v in form.items() if k.endswith("-tag") and v == [str(lanterns.pk)])
    form[row.removesuffix("-tag") + "-DELETE"] = ["on"]
    client.post(url, form)
    assert "Harbour Lights" not in guest.get(tag_page).content.decode()


def test_an_edited_work_is_still_found_by_its_creators_name(listed_work, author_client, guest):
    page = lxml.html.fromstring(
        author_client.get(reverse("works:edit", args=[listed_work.pk])).content
    )
    form = next(f for f in page.forms if "title" in f.fields)
    form.fields["title"] = "Harbour Lights Renamed"
    values: dict[str, list[str]] = {}
    for name, value in form.form_values():
        values.setdefault(name, []).append(value)
    author_client.post(reverse("works:edit", args=[listed_work.pk]), values)
    assert "Harbour Lights Renamed" in listed(guest, "author")


def test_a_renamed_pseud_finds_its_works_by_the_new_name(listed_work, author, guest):
    pseud = author.default_pseud
    pseud.name = "Lamplighter"
    pseud.save()
    assert "Harbour Lights" in listed(guest, "lamplighter")


def test_kudos_and_comments_move_the_work_in_sorted_listings(author, guest, settle_index):
    rising = WorkFactory(author=author, title="Rising Star")
    WorkFactory(author=author, title="Later Work")  # newer, so first while counts are equal
    settle_index()
    reader = UserFactory(username="reader")
    kudos.leave_kudos(rising, reader, ip="127.0.0.1", cookie="")
    by_kudos = listed(guest, **{"work_search[sort_column]": "kudos_count"})
    assert by_kudos.index("Rising Star") < by_kudos.index("Later Work")
    comments.post_comment(rising, reader, "<p>Lovely.</p>", ip="")
    by_comments = listed(guest, **{"work_search[sort_column]": "comments_count"})
    assert by_comments.index("Rising Star") < by_comments.index("Later Work")


def test_a_renamed_series_is_found_by_its_new_title(listed_work, author, guest, settle_index):
    series = Series.objects.create(title="Tidewater Songs")
    series.creators.add(author.default_pseud)
    SeriesWork.objects.create(series=series, work=listed_work, position=1)
    assert "Harbour Lights" in listed(guest, 'series:"Tidewater Songs"')
    settle_index()
    series.title = "Saltmarsh Songs"
    series.save()
    assert "Harbour Lights" in listed(guest, 'series:"Saltmarsh Songs"')
    assert "Harbour Lights" not in listed(guest, 'series:"Tidewater Songs"')


def tag_page(client, name: str) -> str:
    return client.get(reverse("tags:works", args=[name])).content.decode()


def test_a_synonym_saved_by_any_code_lists_its_works_under_the_canonical(
    listed_work, guest, settle_index, django_capture_on_commit_callbacks
):
    canonical = Tag.objects.create(name="Paper Lanterns", type=TagType.FREEFORM, canonical=True)
    settle_index()
    lanterns = Tag.objects.get(name="Lanterns")
    with django_capture_on_commit_callbacks(execute=True):
        lanterns.merger = canonical  # a plain save, as the admin or a script would make it
        lanterns.save()
    assert "Harbour Lights" in tag_page(guest, "Paper Lanterns")


def test_synonyms_moved_by_a_queryset_update_follow_their_new_canonical(
    listed_work, guest, settle_index, django_capture_on_commit_callbacks
):
    first = Tag.objects.create(name="Lights", type=TagType.FREEFORM, canonical=True)
    second = Tag.objects.create(name="Lamps", type=TagType.FREEFORM, canonical=True)
    with django_capture_on_commit_callbacks(execute=True):
        Tag.objects.filter(name="Lanterns").update(merger=first)
    settle_index()
    with django_capture_on_commit_callbacks(execute=True):
        Tag.objects.filter(merger=first).update(merger=second)
    assert "Harbour Lights" in tag_page(guest, "Lamps")
    assert "Harbour Lights" not in tag_page(guest, "Lights")


def test_a_meta_tag_made_by_any_code_finds_its_sub_tags_works(
    listed_work, guest, settle_index, django_capture_on_commit_callbacks
):
    lanterns = Tag.objects.get(name="Lanterns")
    lanterns.canonical = True
    lanterns.save()
    meta = Tag.objects.create(name="Light Sources", type=TagType.FREEFORM, canonical=True)
    settle_index()
    with django_capture_on_commit_callbacks(execute=True):
        link = MetaTagging.objects.create(meta=meta, sub=lanterns)
    assert "Harbour Lights" in tag_page(guest, "Light Sources")
    settle_index()
    with django_capture_on_commit_callbacks(execute=True):
        link.delete()
    assert "Harbour Lights" not in tag_page(guest, "Light Sources")


def test_a_change_read_while_the_database_fails_is_applied_on_the_next_poll(
    author, guest, monkeypatch
):
    """The database fails after the change log was read and before the work's row was: the
    change must be read again, or the work stays missing until the process restarts."""
    reads_work_rows = registry.posted_work_rows_for

    def database_gone(work_ids):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(registry, "posted_work_rows_for", database_gone)
    WorkFactory(author=author, title="Tidewater")
    with pytest.raises(OperationalError):
        listed(guest)
    monkeypatch.setattr(registry, "posted_work_rows_for", reads_work_rows)
    assert "Tidewater" in listed(guest)

"""Posting, editing and deleting works through the web forms."""

import datetime

import pytest
from django.urls import reverse

from fanfold.tags.models import Tag, TagType
from fanfold.works.models import Work
from tests.factories import WorkFactory
from tests.html_audit import assert_safe_page

NEW_WORK = reverse("works:new")


def work_form(author, **overrides) -> dict:
    data = {
        "title": "The Clockmaker's Apprentice",
        "pseuds": [author.default_pseud.pk],
        "rating": "Teen And Up Audiences",
        "warnings": ["No Archive Warnings Apply"],
        "categories": ["Gen", "F/M"],
        "fandoms": "Pride and Prejudice - Jane Austen, Original Work",
        "relationships": "Elizabeth Bennet & Jane Bennet",
        "characters": "Elizabeth Bennet, Jane Bennet",
        "freeforms": "Fluff, Letters",
        "summary": "Two sisters and a clock that runs backwards.",
        "notes": "Beginning notes.",
        "end_notes": "End notes.",
        "language": "en",
        "expected_chapters": "2",
        "comment_permission": "users",
        "chapter-title": "The First Tick",
        "chapter-body": "It was a quiet morning.\n\nThe clock struck thirteen.",
        "post": "Post",
    }
    data.update(overrides)
    return data


def test_guest_is_sent_to_log_in_before_posting(guest):
    response = guest.get(NEW_WORK)
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_author_posts_a_work_with_every_field(author, author_client):
    response = author_client.post(NEW_WORK, work_form(author))
    work = Work.objects.get(title="The Clockmaker's Apprentice")
    assert response.status_code == 302 and response.url == work.get_absolute_url()
    assert work.posted and work.published_on == datetime.date.today()
    assert work.chapters_label == "1/2" and not work.complete
    assert work.word_count == 9
    assert [tag.name for tag in work.fandoms] == [
        "Pride and Prejudice - Jane Austen",
        "Original Work",
    ]
    assert set(work.tags.values_list("name", flat=True)) >= {
        "Teen And Up Audiences", "No Archive Warnings Apply", "Gen", "F/M", "Fluff", "Letters",
        "Elizabeth Bennet & Jane Bennet", "Elizabeth Bennet", "Jane Bennet",
    }  # fmt: skip
    page = author_client.get(work.get_absolute_url()).content.decode()
    assert "<p>It was a quiet morning.</p>" in page
    assert "Beginning notes." in page and "End notes." in page
    assert '<dd class="chapters">1/2</dd>' in page
    assert '<a rel="author" href="/users/author/pseuds/author">author</a>' in page


def test_new_tags_are_created_unwrangled_and_existing_ones_reused(author, author_client):
    Tag.objects.create(name="Fluff", type=TagType.FREEFORM, canonical=True)
    author_client.post(NEW_WORK, work_form(author, freeforms="fluff, Brand New Tag"))
    assert Tag.objects.filter(name__iexact="fluff", type=TagType.FREEFORM).count() == 1
    assert not Tag.objects.get(name="Brand New Tag").canonical


def test_failed_validation_keeps_what_the_author_typed(author, author_client):
    data = work_form(author, fandoms="", warnings=[], title="Kept Title")
    response = author_client.post(NEW_WORK, data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Add at least one fandom." in page or "This field is required." in page
    assert "Choose at least one archive warning." in page
    assert 'value="Kept Title"' in page
    assert "The clock struck thirteen." in page
    assert 'value="Fluff, Letters"' in page
    assert not Work.objects.exists()


def test_overlong_tag_is_refused_with_a_clear_error(author, author_client):
    response = author_client.post(NEW_WORK, work_form(author, freeforms="x" * 151))
    assert "longer than 150 characters" in response.content.decode()
    assert not Work.objects.exists()


def test_more_than_75_user_defined_tags_is_refused_with_a_clear_error(author, author_client):
    freeforms = ", ".join(f"Tag {n}" for n in range(80))
    response = author_client.post(NEW_WORK, work_form(author, freeforms=freeforms))
    assert "a work can have at most 75" in response.content.decode()
    assert not Work.objects.exists()


def test_backdated_work_shows_the_chosen_date(author, author_client):
    author_client.post(NEW_WORK, work_form(author, backdate="2019-04-02"))
    work = Work.objects.get()
    assert work.published_on == datetime.date(2019, 4, 2)
    page = author_client.get(work.get_absolute_url()).content.decode()
    assert '<dd class="published"><time datetime="2019-04-02">2019-04-02</time></dd>' in page


def test_draft_is_saved_unposted_and_visible_only_to_its_author(
    author, author_client, guest, outsider_client
):
    data = work_form(author)
    del data["post"]
    data["draft"] = "Save As Draft"
    author_client.post(NEW_WORK, data)
    work = Work.objects.get()
    assert not work.posted and work.published_on is None
    assert "This work is a draft" in author_client.get(work.get_absolute_url()).content.decode()
    assert guest.get(work.get_absolute_url()).status_code == 404
    assert outsider_client.get(work.get_absolute_url()).status_code == 404
    drafts = author_client.get(reverse("accounts:drafts", args=["author"])).content.decode()
    assert work.title.replace("'", "&#x27;") in drafts


def test_posting_a_draft_publishes_it_today(author, author_client):
    work = WorkFactory(author=author, posted=False)
    response = author_client.post(reverse("works:post", args=[work.pk]))
    work.refresh_from_db()
    assert response.status_code == 302
    assert work.posted and work.published_on == datetime.date.today()
    assert work.chapters.get().posted


def test_author_edits_a_work_and_tags_are_replaced(author, author_client):
    work = WorkFactory(author=author, freeforms=("Old Tag",))
    data = work_form(author, title="Renamed", freeforms="New Tag", update="Update")
    del data["post"]
    response = author_client.post(reverse("works:edit", args=[work.pk]), data)
    work.refresh_from_db()
    assert response.status_code == 302
    assert work.title == "Renamed"
    assert list(work.tags.filter(type=TagType.FREEFORM).values_list("name", flat=True)) == [
        "New Tag"
    ]


def test_edit_form_shows_current_values(author, author_client):
    work = WorkFactory(author=author, fandoms=("Fandom A", "Fandom B"), freeforms=("Cosy",))
    page = author_client.get(reverse("works:edit", args=[work.pk])).content.decode()
    assert 'value="Fandom A, Fandom B"' in page and 'value="Cosy"' in page


@pytest.mark.parametrize(
    "action", ["works:edit", "works:delete", "works:new_chapter", "works:manage_chapters"]
)
def test_outsider_is_refused_every_creator_action(outsider_client, work, action):
    assert outsider_client.get(reverse(action, args=[work.pk])).status_code == 403
    assert outsider_client.post(reverse(action, args=[work.pk]), {}).status_code == 403


def test_outsider_cannot_post_someone_elses_draft(outsider_client, author):
    draft = WorkFactory(author=author, posted=False)
    assert outsider_client.post(reverse("works:post", args=[draft.pk])).status_code == 404
    draft.refresh_from_db()
    assert not draft.posted


def test_author_cannot_credit_someone_elses_pseud(author, author_client, outsider):
    data = work_form(author, pseuds=[outsider.default_pseud.pk])
    response = author_client.post(NEW_WORK, data)
    assert response.status_code == 200
    assert not Work.objects.exists()


def test_delete_asks_for_confirmation_then_deletes(author_client, work):
    url = reverse("works:delete", args=[work.pk])
    assert "Are you sure you want to delete" in author_client.get(url).content.decode()
    assert Work.objects.filter(pk=work.pk).exists()
    response = author_client.post(url)
    assert response.status_code == 302
    assert not Work.objects.filter(pk=work.pk).exists()


XSS = '<script>alert("x")</script><img src=x onerror=alert(1)><a href="javascript:alert(1)">x</a>'


def test_no_script_from_any_field_reaches_any_page(author, author_client, guest):
    fields = {
        name: XSS
        for name in ("title", "summary", "notes", "end_notes", "chapter-title", "chapter-body")
    }
    fields["freeforms"] = "<script>alert(1)</script>"
    author_client.post(NEW_WORK, work_form(author, **fields))
    work = Work.objects.get()
    for url in (
        work.get_absolute_url(),
        work.get_absolute_url() + "?view_full_work=true",
        reverse("works:list"),
        reverse("archive:home"),
        reverse("accounts:profile", args=["author"]),
        reverse("works:navigate", args=[work.pk]),
        reverse("works:edit", args=[work.pk]),
    ):
        client = author_client if url.endswith("/edit") else guest
        assert_safe_page(client.get(url).content.decode())

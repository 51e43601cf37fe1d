"""Collection pages through the web: creating, listing, the queue, adding works, revealing."""

import io
import json
import zipfile

from django.urls import reverse

from fanfold.accounts.models import Pseud
from fanfold.collections import items
from fanfold.collections.models import Collection, CollectionItem, Role
from fanfold.feedback.models import Bookmark
from fanfold.gifts.giving import set_recipients
from fanfold.pages.accounts.export import export_account
from fanfold.works.models import Work
from tests.collections.conftest import make_collection
from tests.factories import WorkFactory


def test_signed_in_user_creates_a_collection_and_owns_it(author_client, author):
    response = author_client.post(
        reverse("collections:new"),
        {
            "name": "Tide_Tables",
            "title": "Tide Tables",
            "description": "<p>Sea <script>x</script></p>",
        },
        follow=True,
    )
    collection = Collection.objects.get(name="Tide_Tables")
    assert response.redirect_chain[-1][0] == "/collections/Tide_Tables"
    assert collection.participants.get().role == Role.OWNER
    assert "<script>" not in collection.description
    assert "Tide Tables" in response.content.decode()


def test_collection_names_follow_ao3s_rule(author_client):
    for bad in ("has space", "_edge", "dash-name", "x"):
        response = author_client.post(reverse("collections:new"), {"name": bad, "title": "T"})
        assert "must begin and end with a letter or number" in response.content.decode(), bad
    assert not Collection.objects.exists()


def test_names_are_unique_whatever_the_case(author_client, open_collection):
    response = author_client.post(
        reverse("collections:new"), {"name": "lighthouse_fest", "title": "Copy"}
    )
    assert "that name is already taken" in response.content.decode()


def test_guest_cannot_create_a_collection(guest):
    response = guest.get(reverse("collections:new"))
    assert response.status_code == 302 and "/users/login" in response["Location"]


def test_index_filters_by_title_and_preferences(guest, open_collection, exchange):
    page = guest.get(reverse("collections:index")).content.decode()
    assert "Lighthouse Fest" in page and "Winter Swap" in page
    moderated = guest.get(reverse("collections:index"), {"collection_filters[moderated]": "T"})
    assert list(moderated.context["page"].object_list) == [exchange]
    by_title = guest.get(reverse("collections:index"), {"collection_filters[title]": "light"})
    assert list(by_title.context["page"].object_list) == [open_collection]


def test_collection_works_use_the_filter_sidebar_and_exact_facets(guest, open_collection, author):
    inside = WorkFactory(author=author, title="Inside Lamp", fandoms=("Lamps",))
    WorkFactory(author=author, title="Outside Lamp", fandoms=("Lamps",))
    items.add_work(open_collection, inside, author)
    response = guest.get(reverse("collections:works", args=["Lighthouse_Fest"]))
    page = response.content.decode()
    assert "Inside Lamp" in page and "Outside Lamp" not in page
    counts = {
        choice.tag.name: choice.count
        for group in response.context["facet_groups"]
        for choice in group.choices
    }
    assert counts["Lamps"] == 1


def test_collection_bookmarks_list_public_bookmarks_in_it(guest, open_collection, work, outsider):
    mark = Bookmark.objects.create(user=outsider, work=work, notes="<p>A lovely lamp.</p>")
    items.add_bookmark(open_collection, mark, outsider)
    hidden = Bookmark.objects.create(
        user=outsider, work=WorkFactory(title="Private Pick"), private=True
    )
    items.add_bookmark(open_collection, hidden, outsider)
    page = guest.get(reverse("collections:bookmarks", args=["Lighthouse_Fest"])).content.decode()
    assert "A lovely lamp." in page and work.title in page
    assert "Private Pick" not in page


def test_empty_collection_says_so(guest, open_collection):
    page = guest.get(reverse("collections:works", args=["Lighthouse_Fest"])).content.decode()
    assert "There are no works here yet." in page


def test_creator_adds_a_work_and_it_waits_in_the_moderated_queue(
    author_client, maintainer_client, exchange, work
):
    response = author_client.post(
        reverse("collections:add_work", args=[work.pk]), {"collection_names": "winter_swap"}
    )
    assert response.status_code == 302
    queue = maintainer_client.get(reverse("collections:items", args=["Winter_Swap"]))
    assert work.title in queue.content.decode()
    item = CollectionItem.objects.get()
    maintainer_client.post(
        reverse("collections:review_item", args=[item.pk]),
        {"side": "collection", "decision": "approve"},
    )
    assert CollectionItem.objects.get().approved


def test_outsider_is_refused_the_queue_and_reviews(outsider_client, exchange, work, author):
    item = items.add_work(exchange, work, author)
    assert (
        outsider_client.get(reverse("collections:items", args=["Winter_Swap"])).status_code == 403
    )
    response = outsider_client.post(
        reverse("collections:review_item", args=[item.pk]),
        {"side": "collection", "decision": "approve"},
    )
    assert response.status_code == 403
    assert not CollectionItem.objects.get().approved


def test_closed_collection_refuses_a_work_with_a_message(author_client, maintainer, work):
    make_collection(maintainer, "Shut_Door", title="Shut Door", closed=True)
    response = author_client.post(
        reverse("collections:add_work", args=[work.pk]), {"collection_names": "Shut_Door"}
    )
    assert "Collection Shut Door is currently closed." in response.content.decode()
    assert not CollectionItem.objects.exists()


def test_maintainer_invites_a_work_and_the_creator_approves_it_on_their_page(
    maintainer_client, author_client, open_collection, work
):
    maintainer_client.post(
        reverse("collections:add_work", args=[work.pk]), {"collection_names": "Lighthouse_Fest"}
    )
    item = CollectionItem.objects.get()
    assert not item.approved
    page = author_client.get(reverse("collections:user_items", args=["author"])).content.decode()
    assert "Lighthouse Fest" in page
    author_client.post(
        reverse("collections:review_item", args=[item.pk]), {"side": "user", "decision": "approve"}
    )
    assert CollectionItem.objects.get().approved


def test_users_collection_items_page_is_only_for_that_user(outsider_client):
    response = outsider_client.get(reverse("collections:user_items", args=["author"]))
    assert response.status_code == 403


def test_posting_form_posts_to_a_collection(author_client, open_collection):
    response = author_client.post(
        reverse("works:new"),
        {
            "title": "Posted Into It", "pseuds": [author_client.session["_auth_user_id"] and _pseud_id("author")],
            "rating": "General Audiences", "warnings": ["No Archive Warnings Apply"],
            "fandoms": "Lamps", "language": "en", "expected_chapters": "1",
            "comment_permission": "users", "collection_names": "Lighthouse_Fest",
            "chapter-body": "<p>Text.</p>", "post": "Post",
        },
    )  # fmt: skip
    assert response.status_code == 302
    work = Work.objects.get(title="Posted Into It")
    assert CollectionItem.objects.get(work=work).approved
    page = author_client.get(work.get_absolute_url()).content.decode()
    assert '<dt class="collections">Collections:</dt>' in page
    assert '<a href="/collections/Lighthouse_Fest">Lighthouse Fest</a>' in page


def _pseud_id(username: str) -> int:
    return Pseud.objects.get(user__username=username, is_default=True).pk


def test_posting_form_refuses_an_unknown_or_closed_collection(author_client, author, maintainer):
    make_collection(maintainer, "Shut_Door", title="Shut Door", closed=True)
    response = author_client.post(
        reverse("works:new"), {"title": "X", "collection_names": "Nowhere, Shut_Door"}
    )
    page = response.content.decode()
    assert "We couldn&#x27;t find the collection Nowhere." in page
    assert "Collection Shut Door is currently closed." in page


def test_posting_form_has_no_anonymous_or_unrevealed_checkbox(author_client):
    page = author_client.get(reverse("works:new")).content.decode()
    assert 'name="anonymous"' not in page and 'name="unrevealed"' not in page
    assert "Post to Collections / Challenges" in page and "Gift this work to" in page


def test_maintainer_reveals_from_the_dashboard(maintainer_client, guest, exchange, author):
    work = WorkFactory(author=author, title="Hidden Lantern")
    items.add_work(exchange, work, author)
    CollectionItem.objects.update(collection_approval_status="approved")
    works_page = guest.get(reverse("collections:works", args=["Winter_Swap"])).content.decode()
    assert "Mystery Work" in works_page and "Hidden Lantern" not in works_page
    maintainer_client.post(reverse("collections:reveal", args=["Winter_Swap", "works"]))
    works_page = guest.get(reverse("collections:works", args=["Winter_Swap"])).content.decode()
    assert "Hidden Lantern" in works_page and "Mystery Work" not in works_page
    assert "/users/author" not in works_page  # still anonymous
    maintainer_client.post(reverse("collections:reveal", args=["Winter_Swap", "creators"]))
    assert "/users/author" in guest.get(work.get_absolute_url()).content.decode()


def test_unchecking_unrevealed_in_the_settings_reveals_the_works(
    maintainer_client, exchange, author
):
    work = WorkFactory(author=author)
    items.add_work(exchange, work, author)
    maintainer_client.post(
        reverse("collections:edit", args=["Winter_Swap"]),
        {"title": "Winter Swap", "moderated": "on", "anonymous": "on"},
    )
    assert not Work.objects.get(pk=work.pk).unrevealed
    assert Work.objects.get(pk=work.pk).anonymous


def test_outsider_cannot_edit_or_reveal(outsider_client, exchange):
    assert outsider_client.get(reverse("collections:edit", args=["Winter_Swap"])).status_code == 403
    response = outsider_client.post(reverse("collections:reveal", args=["Winter_Swap", "works"]))
    assert response.status_code == 403


def test_profile_shows_intro_faq_and_rules_sanitised(guest, maintainer):
    make_collection(
        maintainer, "Rules_Fest", intro="<p>Welcome!</p>", faq="<p>Ask.</p>",
        rules='<p onclick="x()">Be kind.</p>',
    )  # fmt: skip
    page = guest.get(reverse("collections:profile", args=["Rules_Fest"])).content.decode()
    assert "Welcome!" in page and "Ask." in page and "Be kind." in page
    assert "onclick" not in page
    assert ">maintainer<" in page


def test_owner_adds_a_moderator_on_the_participants_page(
    maintainer_client, open_collection, outsider
):
    maintainer_client.post(
        reverse("collections:participants", args=["Lighthouse_Fest"]),
        {"pseud": "outsider", "role": "moderator"},
    )
    assert open_collection.participants.get(pseud__user=outsider).role == Role.MODERATOR


def test_subcollection_items_show_in_the_parent(guest, open_collection, maintainer, author):
    child = make_collection(maintainer, "Lamp_Room", parent=open_collection)
    work = WorkFactory(author=author, title="Small Lamp")
    items.add_work(child, work, author)
    page = guest.get(reverse("collections:works", args=["Lighthouse_Fest"])).content.decode()
    assert "Small Lamp" in page
    subs = guest.get(reverse("collections:subcollections", args=["Lighthouse_Fest"]))
    assert "Lamp Room" in subs.content.decode()


def test_works_feed_names_the_collections_beside_the_tags(guest, open_collection, work, author):
    items.add_work(open_collection, work, author)
    feed = guest.get(reverse("search:works_feed")).content.decode()
    assert '<category term="Lighthouse Fest"' in feed and '<category term="Test Fandom"' in feed


def test_downloads_list_the_collections_in_the_preface(guest, open_collection, work, author):
    items.add_work(open_collection, work, author)
    html = guest.get(reverse("downloads:work", args=[work.pk, "x", "html"])).content.decode()
    assert '<dt>Collections:</dt><dd><a href="http' in html
    assert '/collections/Lighthouse_Fest">Lighthouse Fest</a></dd>' in html


def test_user_data_export_holds_collections_items_and_gifts(author, open_collection, work):
    items.add_work(open_collection, work, author)
    set_recipients(work, ["Pen Pal"])
    with export_account(author) as spool:
        archive = zipfile.ZipFile(io.BytesIO(spool.read()))
    item = json.loads(archive.read("collection_items.json"))[0]
    assert item["collection__name"] == "Lighthouse_Fest" and item["work__title"] == work.title
    assert json.loads(archive.read("gifts.json"))["given"][0]["recipient_name"] == "Pen Pal"
    maintainer_rows = json.loads(archive.read("collections.json"))
    assert maintainer_rows == []  # the author takes part in no collection as a participant

"""Corners of the visibility policy that the matrix does not reach: drafts pages, own hidden
works in counts, unposted chapters, and works that lost their creators."""

from django.urls import reverse

from fanfold.collections import items
from fanfold.collections.models import CollectionItem
from fanfold.works.chapters import add_chapter
from fanfold.works.models import Chapter, Creatorship, Work
from fanfold.works.visibility import is_creator
from tests.collections.conftest import make_collection
from tests.conftest import signed_in
from tests.factories import UserFactory, WorkFactory


def test_the_drafts_page_lists_only_the_creators_own_drafts(author, co_creator, outsider):
    shared = WorkFactory(author=author, posted=False, title="Shared Draft")
    shared.creatorships.create(pseud=co_creator.default_pseud, position=1)
    WorkFactory(author=author, title="Posted Already")
    WorkFactory(author=outsider, posted=False, title="Someone Elses Draft")
    for user in (author, co_creator):
        page = signed_in(user).get(reverse("accounts:drafts", args=[user.username]))
        text = page.content.decode()
        assert "Shared Draft" in text
        assert "Posted Already" not in text and "Someone Elses Draft" not in text


def test_creators_count_their_own_hidden_and_unrevealed_works_and_nobody_elses(
    author, outsider, site_admin
):
    for flags in ({"hidden_by_admin": True}, {"unrevealed": True}, {}):
        WorkFactory(author=author, fandoms=("Harbour Tales",), **flags)
    WorkFactory(author=outsider, fandoms=("Harbour Tales",), hidden_by_admin=True)
    expected = {author: 3, outsider: 2, site_admin: 4, UserFactory(username="plain"): 1}
    for viewer, works in expected.items():
        listing = signed_in(viewer).get(reverse("tags:works", args=["Harbour Tales"]))
        assert listing.context["page"].paginator.count == works, viewer.username


def test_a_creator_is_shown_their_own_hidden_work_by_its_id_not_by_their_credits(author, outsider):
    # Own hidden works are found from the creator's credits: it is the credited work's id that
    # lets a work through, never the credit's own id. A second credit on an earlier work puts
    # the credits' ids one ahead of the works', so the author's credit has the id of the
    # outsider's hidden work made next.
    earlier = WorkFactory(author=outsider, fandoms=("Harbour Tales",))
    Creatorship.objects.create(work=earlier, pseud=UserFactory().default_pseud, position=1)
    own = WorkFactory(author=author, fandoms=("Harbour Tales",), hidden_by_admin=True)
    WorkFactory(author=outsider, fandoms=("Harbour Tales",), hidden_by_admin=True)
    assert own.creatorships.get().pk != own.pk

    listing = signed_in(author).get(reverse("tags:works", args=["Harbour Tales"]))
    assert {work.pk for work in listing.context["page"]} == {own.pk, earlier.pk}


def test_unposted_chapters_are_shown_to_creators_only(author, outsider):
    work = WorkFactory(author=author, expected_chapters=2)
    add_chapter(work, Chapter(title="Still Writing", body="<p>draft words</p>"), post=False)
    whole = reverse("works:show", args=[work.pk]) + "?view_full_work=true"
    assert "Still Writing" in signed_in(author).get(whole).content.decode()
    assert "Still Writing" not in signed_in(outsider).get(whole).content.decode()
    assert (
        "Still Writing"
        not in signed_in(UserFactory(username="admin2", is_superuser=True, is_staff=True))
        .get(whole)
        .content.decode()
    )


def test_a_creator_of_one_work_is_a_stranger_to_anothers(author, outsider, outsider_client):
    WorkFactory(author=outsider, title="Outsiders Own")
    draft = WorkFactory(author=author, posted=False)
    hidden = WorkFactory(author=author, hidden_by_admin=True)
    posted = WorkFactory(author=author)
    for work in (draft, hidden):
        assert outsider_client.get(work.get_absolute_url()).status_code == 404
    assert outsider_client.get(reverse("works:edit", args=[posted.pk])).status_code in {403, 404}
    kudos = outsider_client.post(reverse("feedback:kudos", args=[posted.pk]), follow=True)
    assert "Thank you for leaving kudos!" in kudos.content.decode()


def test_a_work_loaded_without_its_credits_knows_its_own_creators(author, outsider):
    # Pages load works with their credits; other callers (hits, comments, challenges) pass a
    # bare work, and the answer must come from that work's credits, not the viewer's others.
    WorkFactory(author=outsider, title="Outsiders Own")
    work = Work.objects.get(pk=WorkFactory(author=author).pk)
    assert is_creator(author, work)
    assert not is_creator(outsider, Work.objects.get(pk=work.pk))


def test_chapters_are_read_in_their_order_not_the_order_they_were_written(author, guest):
    work = WorkFactory(author=author, expected_chapters=3)
    add_chapter(work, Chapter(title="Written Second", body="<p>b</p>"), post=True)
    add_chapter(work, Chapter(title="Written Third", body="<p>c</p>"), post=True)
    first, second, third = work.chapters.order_by("id")
    for chapter, position in ((first, 3), (second, 1), (third, 2)):
        Chapter.objects.filter(pk=chapter.pk).update(position=position)
    page = guest.get(work.get_absolute_url() + "?view_full_work=true").content.decode()
    assert page.index("Written Second") < page.index("Written Third")
    assert "Written Second" in guest.get(work.get_absolute_url()).content.decode()


def test_a_hidden_work_opens_for_moderators_only_not_for_other_volunteers(
    author, moderator, wrangler, outsider
):
    # Moderators follow their own links to what they hid. The site admin sees everything
    # anyway, so only a moderator who is not an admin shows that the permission is asked.
    hidden = WorkFactory(author=author, title="Hidden Harbour", hidden_by_admin=True)
    statuses = {
        viewer.username: signed_in(viewer).get(hidden.get_absolute_url()).status_code
        for viewer in (moderator, wrangler, outsider)
    }
    assert statuses == {"moderator": 200, "wrangler": 404, "outsider": 404}


def test_a_collection_shows_mystery_blurbs_only_for_posted_unrevealed_works_not_hidden_ones(
    author, guest
):
    # A "Mystery Work" blurb tells that a work exists. Only a posted, unrevealed work that no
    # moderator hid gets one: a restricted, a hidden or an unposted work gets none at all.
    # The shelf itself reveals, so its restricted work is not unrevealed; the swap is what
    # makes the others unrevealed.
    curator = UserFactory(username="curator")
    swap = make_collection(curator, "Lantern_Swap", unrevealed=True)
    shelf = make_collection(curator, "Lantern_Shelf")
    items.add_work(
        shelf, WorkFactory(author=author, title="Restricted Lantern", restricted=True), author
    )
    for title, flags in {
        "Unrevealed Lantern": {},
        "Hidden Lantern": {"hidden_by_admin": True},
        "Draft Lantern": {"posted": False},
    }.items():
        work = WorkFactory(author=author, title=title, **flags)
        items.add_work(swap, work, author)
        items.add_work(shelf, work, author)
    CollectionItem.objects.update(collection_approval_status="approved")
    assert Work.objects.filter(unrevealed=True).count() == 3

    page = guest.get(reverse("collections:works", args=["Lantern_Shelf"])).content.decode()
    assert page.count('<h4 class="heading">Mystery Work</h4>') == 1

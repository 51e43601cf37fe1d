"""Items need both sides' consent; unrevealed and anonymous derive from a work's collections."""

import pytest
from django.core import mail

from fanfold.collections import items, reveal
from fanfold.collections.membership import CollectionRefused, set_role
from fanfold.collections.models import Approval, CollectionItem, Role
from fanfold.feedback.models import Bookmark
from fanfold.moderation.models import AuditEntry
from fanfold.works.models import Work
from tests.collections.conftest import make_collection
from tests.factories import WorkFactory


def fresh(work: Work) -> Work:
    return Work.objects.get(pk=work.pk)


def test_creator_adding_to_an_open_collection_is_approved_on_both_sides(
    open_collection, work, author
):
    item = items.add_work(open_collection, work, author)
    assert (item.user_approval_status, item.collection_approval_status) == (
        Approval.APPROVED,
        Approval.APPROVED,
    )


def test_moderated_collection_holds_a_non_members_work_for_approval(exchange, work, author):
    item = items.add_work(exchange, work, author)
    assert item.user_approval_status == Approval.APPROVED
    assert item.collection_approval_status == Approval.UNREVIEWED


def test_members_skip_the_moderation_queue(exchange, work, author, maintainer):
    set_role(maintainer, exchange, author.default_pseud, Role.MEMBER)
    assert items.add_work(exchange, work, author).approved


def test_maintainer_invitation_waits_for_the_creator(open_collection, work, maintainer, author):
    item = items.add_work(open_collection, work, maintainer)
    assert item.user_approval_status == Approval.UNREVIEWED
    assert item.collection_approval_status == Approval.APPROVED
    items.review_as_creator(item, author, approve=True)
    assert CollectionItem.objects.get(pk=item.pk).approved


def test_outsider_cannot_add_someone_elses_work(open_collection, work, outsider):
    with pytest.raises(CollectionRefused):
        items.add_work(open_collection, work, outsider)


def test_closed_collection_refuses_new_items(maintainer, work, author):
    closed = make_collection(maintainer, "Shut_Door", closed=True)
    with pytest.raises(CollectionRefused, match="currently closed"):
        items.add_work(closed, work, author)


def test_only_maintainers_review_for_the_collection(exchange, work, author, outsider):
    item = items.add_work(exchange, work, author)
    with pytest.raises(CollectionRefused):
        items.review_as_collection(item, outsider, approve=True)
    with pytest.raises(CollectionRefused):
        items.review_as_creator(item, outsider, approve=True)


def test_bookmark_joins_a_collection_by_its_bookmarker(open_collection, work, outsider):
    bookmark = Bookmark.objects.create(user=outsider, work=work)
    assert items.add_bookmark(open_collection, bookmark, outsider).approved


def test_work_in_an_unrevealed_anonymous_collection_is_unrevealed_and_anonymous(
    exchange, work, author
):
    items.add_work(exchange, work, author)  # still waiting for the maintainers: hidden already
    assert (fresh(work).unrevealed, fresh(work).anonymous) == (True, True)


def test_rejected_or_removed_item_no_longer_hides_the_work(exchange, work, author, maintainer):
    item = items.add_work(exchange, work, author)
    items.review_as_collection(item, maintainer, approve=False)
    assert (fresh(work).unrevealed, fresh(work).anonymous) == (False, False)
    items.review_as_collection(item, maintainer, approve=True)
    assert fresh(work).unrevealed
    items.remove_item(item, author)
    assert not fresh(work).unrevealed


def test_revealing_works_then_creators_clears_the_flags_and_is_audited(
    exchange, work, author, maintainer
):
    items.add_work(exchange, work, author)
    assert reveal.reveal_works(exchange, maintainer) == 1
    assert (fresh(work).unrevealed, fresh(work).anonymous) == (False, True)
    assert reveal.reveal_creators(exchange, maintainer) == 1
    assert (fresh(work).unrevealed, fresh(work).anonymous) == (False, False)
    actions = set(
        AuditEntry.objects.filter(target_type="collection").values_list("action", flat=True)
    )
    assert {"revealed works", "revealed creators"} <= actions
    exchange.refresh_from_db()
    assert not exchange.unrevealed and not exchange.anonymous


def test_another_unrevealed_collection_keeps_the_work_hidden_after_one_reveals(
    exchange, work, author, maintainer
):
    other = make_collection(maintainer, "Second_Swap", unrevealed=True)
    items.add_work(exchange, work, author)
    items.add_work(other, work, author)
    assert reveal.reveal_works(exchange, maintainer) == 0
    assert fresh(work).unrevealed


def test_only_maintainers_reveal(exchange, outsider):
    with pytest.raises(CollectionRefused):
        reveal.reveal_works(exchange, outsider)


def test_reveal_tells_the_creator_by_email(
    exchange, author, maintainer, django_capture_on_commit_callbacks
):
    work = WorkFactory(author=author)
    items.add_work(exchange, work, author)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        reveal.reveal_works(exchange, maintainer)
    assert [m.to for m in mail.outbox if "revealed" in m.subject] == [[author.email]]


def test_the_last_owner_cannot_step_down(open_collection, maintainer):
    with pytest.raises(CollectionRefused, match="at least one owner"):
        set_role(maintainer, open_collection, maintainer.default_pseud, Role.MEMBER)


def test_subcollections_are_one_level_deep(open_collection, maintainer):
    child = make_collection(maintainer, "Lamp_Room", parent=open_collection)
    with pytest.raises(CollectionRefused, match="is a subcollection"):
        make_collection(maintainer, "Lamp_Cupboard", parent=child)


def test_only_a_parents_maintainers_hang_subcollections_under_it(open_collection, outsider):
    with pytest.raises(CollectionRefused, match="maintainer of"):
        make_collection(outsider, "Squatter", parent=open_collection)


def test_maintainers_reviews_and_removals_are_in_the_audit_log(exchange, work, author, maintainer):
    item = items.add_work(exchange, work, author)
    items.review_as_collection(item, maintainer, approve=False)
    items.remove_item(item, maintainer)
    entries = AuditEntry.objects.filter(target_type="collection", actor=maintainer)
    assert list(entries.order_by("id").values_list("action", flat=True)) == [
        "rejected item",
        "removed item",
    ]
    assert entries.first().note == f"{work.title} in {exchange.title}"

"""Gifts: given by pseud or name, refused by recipients, blocked givers refused, e-mails."""

import pytest
from django.core import mail
from django.urls import reverse

from fanfold.accounts.models import Block, Pseud
from fanfold.collections import items, reveal
from fanfold.gifts.giving import GiftRefused, recipient_for, set_recipients
from fanfold.gifts.models import Gift
from fanfold.works.models import Work
from fanfold.works.orphaning import orphan_works
from fanfold.works.posting import post_draft
from tests.collections.conftest import make_collection
from tests.conftest import signed_in
from tests.factories import UserFactory, WorkFactory


@pytest.fixture
def recipient(db):
    return UserFactory(username="recipient")


def _post(client, title: str, recipients: str, collections: str = ""):
    author_pseud = Pseud.objects.get(user__username="author")
    return client.post(
        reverse("works:new"),
        {
            "title": title, "pseuds": [author_pseud.pk], "rating": "General Audiences",
            "warnings": ["No Archive Warnings Apply"], "fandoms": "Lamps", "language": "en",
            "expected_chapters": "1", "comment_permission": "users", "recipients": recipients,
            "collection_names": collections, "chapter-body": "<p>Text.</p>", "post": "Post",
        },
    )  # fmt: skip


def test_posting_a_gift_names_the_recipient_and_emails_them(
    author_client, recipient, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(author_client, "A Lamp For You", "recipient, Someone Offline")
    assert response.status_code == 302
    work = Work.objects.get(title="A Lamp For You")
    page = author_client.get(work.get_absolute_url()).content.decode()
    assert (
        '<ul class="associations"><li>For <a href="/users/recipient/gifts">recipient</a>, Someone Offline.</li></ul>'
        in page
    )
    assert [m.to for m in mail.outbox if "gift" in m.subject] == [[recipient.email]]


def test_recipients_gifts_page_lists_the_gift(guest, author, recipient):
    work = WorkFactory(author=author, title="Gifted Lamp")
    set_recipients(work, [recipient.default_pseud])
    page = guest.get(reverse("gifts:user", args=["recipient"])).content.decode()
    assert "Gifted Lamp" in page


def test_refused_gift_leaves_the_work_and_shows_only_to_the_recipient(guest, author, recipient):
    work = WorkFactory(author=author, title="Unwanted Lamp")
    set_recipients(work, [recipient.default_pseud])
    client = signed_in(recipient)
    gift = Gift.objects.get()
    client.post(reverse("gifts:toggle_refused", args=[gift.pk]))
    assert Gift.objects.get().rejected
    assert (
        "For " not in guest.get(work.get_absolute_url()).content.decode().split("Notes:")[-1][:200]
    )
    assert (
        "Unwanted Lamp" not in guest.get(reverse("gifts:user", args=["recipient"])).content.decode()
    )
    own = client.get(
        reverse("gifts:user", args=["recipient"]), {"refused": "true"}
    ).content.decode()
    assert "Unwanted Lamp" in own and "Accept Gift" in own
    sneaky = guest.get(reverse("gifts:user", args=["recipient"]), {"refused": "true"})
    assert "Unwanted Lamp" not in sneaky.content.decode()


def test_only_the_recipient_can_refuse(author, recipient, outsider_client):
    work = WorkFactory(author=author)
    set_recipients(work, [recipient.default_pseud])
    response = outsider_client.post(reverse("gifts:toggle_refused", args=[Gift.objects.get().pk]))
    assert response.status_code == 403
    assert not Gift.objects.get().rejected


def test_a_blocked_user_cannot_give_a_gift_to_the_blocker(author, author_client, recipient):
    Block.objects.create(blocker=recipient, blocked=author)
    with pytest.raises(GiftRefused):
        recipient_for("recipient", author)
    response = _post(author_client, "Blocked Lamp", "recipient")
    assert "You can&#x27;t give a gift to recipient." in response.content.decode()
    assert not Work.objects.filter(title="Blocked Lamp").exists()


def test_gifts_survive_orphaning(author, recipient, guest):
    work = WorkFactory(author=author, title="Orphaned Lamp")
    set_recipients(work, [recipient.default_pseud])
    orphan_works(author, [work], keep_pseud=False)
    assert Gift.objects.filter(work=work, pseud=recipient.default_pseud).exists()
    assert "Orphaned Lamp" in guest.get(reverse("gifts:user", args=["recipient"])).content.decode()


def test_unrevealed_gift_emails_the_recipient_at_the_reveal_not_before(
    author_client, recipient, django_capture_on_commit_callbacks
):
    maintainer = UserFactory(username="maintainer")
    exchange = make_collection(maintainer, "Winter_Swap", unrevealed=True, anonymous=True)
    with django_capture_on_commit_callbacks(execute=True):
        _post(author_client, "Secret Lamp", "recipient", collections="Winter_Swap")
    assert not [m for m in mail.outbox if recipient.email in m.to]
    guest_gifts = signed_in(recipient).get(reverse("gifts:user", args=["recipient"]))
    assert "Secret Lamp" not in guest_gifts.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        reveal.reveal_works(exchange, maintainer)
    assert [m.to for m in mail.outbox if "gift" in m.subject] == [[recipient.email]]


def test_an_anonymous_gift_shows_the_recipient_never_the_creator(author, recipient, guest):
    maintainer = UserFactory(username="maintainer")
    exchange = make_collection(maintainer, "Masks", anonymous=True)
    work = WorkFactory(author=author, title="Masked Lamp")
    items.add_work(exchange, work, author)
    set_recipients(work, [recipient.default_pseud])
    for url in (work.get_absolute_url(), reverse("gifts:user", args=["recipient"])):
        page = guest.get(url).content.decode()
        assert "Masked Lamp" in page and "/users/author" not in page, url
    assert "/users/recipient/gifts" in guest.get(work.get_absolute_url()).content.decode()


def test_the_gift_is_in_the_downloaded_preface(author, recipient, guest):
    work = WorkFactory(author=author, title="Printed Lamp")
    set_recipients(work, [recipient.default_pseud])
    html = guest.get(reverse("downloads:work", args=[work.pk, "x", "html"])).content.decode()
    assert 'For <a href="http' in html and '/users/recipient/gifts">recipient</a>.' in html


def test_editing_the_recipients_replaces_them(author, recipient):
    work = WorkFactory(author=author)
    set_recipients(work, [recipient.default_pseud, "Offline Friend"])
    set_recipients(work, ["Offline Friend"])
    assert [g.recipient for g in Gift.objects.all()] == ["Offline Friend"]


def test_a_gift_on_a_draft_emails_the_recipient_once_when_it_is_posted(
    author, recipient, django_capture_on_commit_callbacks
):
    work = WorkFactory(author=author, title="Drafted Lamp", posted=False)
    with django_capture_on_commit_callbacks(execute=True):
        set_recipients(work, [recipient.default_pseud])
    assert not [m for m in mail.outbox if recipient.email in m.to]
    with django_capture_on_commit_callbacks(execute=True):
        post_draft(work)
    with django_capture_on_commit_callbacks(execute=True):
        set_recipients(work, [recipient.default_pseud])  # an edit after posting: no second e-mail
    assert [m.to for m in mail.outbox if "gift" in m.subject] == [[recipient.email]]

"""Co-creator invitations (accept, decline, both edit) and orphaning (for good)."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from fanfold.works.models import CreatorInvitation, Work
from fanfold.works.orphaning import ORPHAN_USERNAME
from tests.conftest import signed_in
from tests.factories import WorkFactory


def edit_form(work: Work, pseud, **changes) -> dict:
    form = {
        "title": work.title, "pseuds": [pseud.pk], "rating": "General Audiences",
        "warnings": ["No Archive Warnings Apply"], "fandoms": "Test Fandom",
        "language": "en", "comment_permission": "users", "expected_chapters": "1",
    }  # fmt: skip
    return {**form, **changes}


def invite(author_client, work, author, names: str):
    url = reverse("works:edit", args=[work.pk])
    return author_client.post(url, edit_form(work, author.default_pseud, co_creators=names))


def test_invited_co_creator_is_credited_only_after_accepting_and_can_then_edit(
    work, author, author_client, co_creator
):
    invite(author_client, work, author, "cocreator")
    assert mail.outbox[-1].to == [co_creator.email]
    assert list(work.creator_pseuds) == [author.default_pseud]
    client = signed_in(co_creator)
    assert client.get(reverse("works:edit", args=[work.pk])).status_code == 403
    page = client.get(reverse("accounts:creatorships", args=["cocreator"])).content.decode()
    assert work.title in page and "author" in page
    invitation = CreatorInvitation.objects.get()
    client.post(
        reverse("accounts:creatorships", args=["cocreator"]),
        {"invitation": invitation.pk, "answer": "accept"},
    )
    assert [p.user.username for p in work.creator_pseuds] == ["author", "cocreator"]
    client.post(
        reverse("works:edit", args=[work.pk]),
        edit_form(work, co_creator.default_pseud, title="Retitled Together"),
    )
    work.refresh_from_db()
    assert work.title == "Retitled Together"
    # The co-creator's edit kept the author's credit.
    assert [p.user.username for p in work.creator_pseuds] == ["author", "cocreator"]


def test_declined_invitation_leaves_no_credit(work, author, author_client, co_creator):
    invite(author_client, work, author, "cocreator")
    signed_in(co_creator).post(
        reverse("accounts:creatorships", args=["cocreator"]),
        {"invitation": CreatorInvitation.objects.get().pk, "answer": "decline"},
    )
    assert not CreatorInvitation.objects.exists()
    assert list(work.creator_pseuds) == [author.default_pseud]


def test_unknown_names_are_a_form_error_and_nothing_is_lost(work, author, author_client):
    page = invite(author_client, work, author, "nobody_here").content.decode()
    assert "There is no user or pseud called “nobody_here”" in page
    assert 'value="nobody_here"' in page


def test_a_user_who_blocked_you_cannot_be_invited(work, author, author_client, co_creator):
    co_creator.blocks.create(blocked=author)
    invite(author_client, work, author, "cocreator")
    assert not CreatorInvitation.objects.exists()


def test_outsider_cannot_answer_someone_elses_invitations(outsider_client):
    url = reverse("accounts:creatorships", args=["cocreator"])
    assert outsider_client.get(url).status_code == 403


@pytest.mark.parametrize(("choice", "byline"), [("keep", "author (orphan_account)"),
                                                 ("anonymous", "orphan_account")])  # fmt: skip
def test_orphaned_work_moves_to_the_orphan_account_for_good(
    work, author, author_client, guest, choice, byline
):
    url = reverse("works:orphan", args=[work.pk])
    page = author_client.get(url).content.decode()
    assert "cannot be given back to you later" in page
    author_client.post(url, {"keep_pseud": choice})  # not confirmed: nothing happens
    assert work.creator_pseuds[0].user == author
    author_client.post(url, {"keep_pseud": choice, "understood": "on"})
    assert [str(p) for p in Work.objects.get(pk=work.pk).creator_pseuds] == [byline]
    assert author_client.get(reverse("works:edit", args=[work.pk])).status_code == 403
    assert (
        work.title
        in guest.get(reverse("accounts:user_works", args=[ORPHAN_USERNAME])).content.decode()
    )
    assert (
        work.title
        not in guest.get(reverse("accounts:user_works", args=["author"])).content.decode()
    )


def test_orphaning_a_shared_work_leaves_the_co_creator(author, co_creator, author_client):
    work = WorkFactory(author=author)
    work.creatorships.create(pseud=co_creator.default_pseud, position=1)
    author_client.post(
        reverse("works:orphan", args=[work.pk]), {"keep_pseud": "anonymous", "understood": "on"}
    )
    assert [p.user.username for p in work.creator_pseuds] == ["orphan_account", "cocreator"]


def test_outsider_cannot_orphan_someone_elses_work(work, outsider_client):
    url = reverse("works:orphan", args=[work.pk])
    assert (
        outsider_client.post(url, {"keep_pseud": "anonymous", "understood": "on"}).status_code
        == 403
    )


def test_chapter_co_creator_is_credited_on_that_chapter_and_the_work(
    author, author_client, co_creator
):
    work = WorkFactory(author=author, expected_chapters=None)
    author_client.post(
        reverse("works:new_chapter", args=[work.pk]),
        {"title": "Their Part", "body": "<p>Written by two.</p>", "co_creators": "cocreator",
         "post": "1"},
    )  # fmt: skip
    chapter = work.chapters.get(position=2)
    invitation = CreatorInvitation.objects.get()
    assert invitation.chapter == chapter
    page = signed_in(co_creator).get(reverse("accounts:creatorships", args=["cocreator"]))
    assert "chapter 2 of" in page.content.decode()
    signed_in(co_creator).post(
        reverse("accounts:creatorships", args=["cocreator"]),
        {"invitation": invitation.pk, "answer": "accept"},
    )
    assert list(chapter.co_creators.all()) == [co_creator.default_pseud]
    assert co_creator.default_pseud in Work.objects.get(pk=work.pk).creator_pseuds
    shown = Client().get(chapter.get_absolute_url()).content.decode()
    assert "Chapter by" in shown and "/users/cocreator/pseuds/cocreator" in shown

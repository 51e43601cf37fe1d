"""Blocking and muting users: what each stops, the lists, and the cap."""

import pytest
from django.urls import reverse

from fanfold.accounts import relations
from fanfold.feedback import comments
from fanfold.feedback.kudos import KudosResult, leave_kudos
from fanfold.feedback.models import Comment
from tests.factories import UserFactory, WorkFactory


def test_blocked_users_cannot_comment_reply_or_leave_kudos(
    work, author, author_client, outsider, outsider_client
):
    mine = comments.post_comment(work, author, "<p>my own comment</p>", ip="")
    author_client.post(reverse("accounts:relation", args=["outsider", "block"]))
    assert author.blocks.filter(blocked=outsider).exists()
    with pytest.raises(comments.CommentRefused, match="blocked"):
        comments.post_comment(work, outsider, "<p>hello</p>", ip="")
    elsewhere = WorkFactory(author=UserFactory(username="third"))
    with pytest.raises(comments.CommentRefused, match="blocked"):
        comments.post_comment(
            elsewhere,
            outsider,
            "<p>reply</p>",
            ip="",
            parent=Comment.objects.create(work=elsewhere, user=author, body="x"),
        )
    assert leave_kudos(work, outsider, "", "") is KudosResult.BLOCKED
    assert mine.pk
    author_client.post(reverse("accounts:relation", args=["outsider", "unblock"]))
    assert leave_kudos(work, outsider, "", "") is KudosResult.LEFT


def test_muted_users_works_and_comments_disappear_for_the_muter_only(
    author, outsider, outsider_client, guest
):
    theirs = WorkFactory(author=author, title="Muted Author Work")
    WorkFactory(author=UserFactory(username="other_writer"), title="Other Work")
    commenter = UserFactory(username="noisy")
    comments.post_comment(theirs, commenter, "<p>noisy comment</p>", ip="")
    outsider_client.post(reverse("accounts:relation", args=["author", "mute"]))
    outsider_client.post(reverse("accounts:relation", args=["noisy", "mute"]))
    listing = outsider_client.get(reverse("works:list")).content.decode()
    assert "Muted Author Work" not in listing and "Other Work" in listing
    assert "Muted Author Work" in guest.get(reverse("works:list")).content.decode()
    page = outsider_client.get(theirs.get_absolute_url()).content.decode()
    assert "noisy comment" not in page
    assert "noisy comment" in guest.get(theirs.get_absolute_url()).content.decode()
    people = outsider_client.get(
        reverse("accounts:relations", args=["outsider", "muted"])
    ).content.decode()
    assert ">author<" in people and ">noisy<" in people


def test_lists_are_capped_and_nobody_blocks_themselves(outsider, monkeypatch):
    with pytest.raises(relations.RelationRefused, match="yourself"):
        relations.block(outsider, outsider)
    monkeypatch.setattr(relations, "MAX_ENTRIES", 1)
    relations.mute(outsider, UserFactory())
    with pytest.raises(relations.RelationRefused, match="at most 1"):
        relations.mute(outsider, UserFactory())


def test_relation_lists_are_private(author_client, outsider):
    assert (
        author_client.get(reverse("accounts:relations", args=["outsider", "blocked"])).status_code
        == 403
    )

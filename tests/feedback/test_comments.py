"""Comments: permissions, threads, moderation, editing, deleting, spam, rate limits, inbox."""

import pytest
from django.test import Client
from django.urls import reverse

from fanfold.feedback import comments as actions
from fanfold.feedback.models import Comment, InboxItem
from fanfold.works.models import Work
from tests.factories import WorkFactory


def post(client, work, body="What a lovely chapter!", **extra):
    return client.post(reverse("feedback:post_comment", args=[work.pk]), {"body": body, **extra})


def comment_count(work) -> int:
    return Work.objects.values_list("comment_count", flat=True).get(pk=work.pk)


def test_signed_in_reader_comments_and_the_creator_is_told(work, author, outsider_client):
    response = post(outsider_client, work, "<p>Loved the <em>lamp</em>.</p><script>x()</script>")
    comment = Comment.objects.get()
    assert response.status_code == 302 and response.url.endswith(f"#comment_{comment.pk}")
    assert comment.body == "<p>Loved the <em>lamp</em>.</p>" and comment_count(work) == 1
    assert InboxItem.objects.get().user == author
    page = outsider_client.get(work.get_absolute_url()).content.decode()
    assert "Loved the <em>lamp</em>." in page and "Comments (1)" in page


@pytest.mark.parametrize(
    ("permission", "guest_may", "message"),
    [
        ("everyone", True, ""),
        ("users", False, "doesn&#x27;t allow non-Archive users"),
        ("nobody", False, "doesn&#x27;t allow comments"),
    ],
)
def test_who_may_comment_follows_the_work(author, permission, guest_may, message):
    work = WorkFactory(author=author, comment_permission=permission)
    guest = Client()
    page = guest.get(work.get_absolute_url()).content.decode()
    assert (message in page) if message else ('class="comment-form"' in page)
    response = post(guest, work, guest_name="Visitor", guest_email="v@example.org")
    assert (response.status_code == 302) is guest_may
    assert Comment.objects.exists() is guest_may


def test_guest_must_give_a_name_and_email_and_keeps_the_text(author):
    work = WorkFactory(author=author, comment_permission="everyone")
    response = post(Client(), work, "Kept words")
    assert response.status_code == 400 and "Kept words" in response.content.decode()
    assert not Comment.objects.exists()


def test_replies_thread_and_notify_the_parent_author(
    work, author, author_client, outsider, outsider_client
):
    post(outsider_client, work, "First!")
    parent = Comment.objects.get()
    author_client.post(reverse("feedback:reply", args=[parent.pk]), {"body": "Thank you!"})
    reply = Comment.objects.get(parent=parent)
    assert reply.depth == 1 and InboxItem.objects.filter(user=outsider, comment=reply).exists()
    page = outsider_client.get(parent.get_absolute_url()).content.decode()
    assert page.index("First!") < page.index("Thank you!")


def test_deep_threads_continue_on_their_own_page(work, outsider):
    parent = None
    for level in range(actions.DISPLAY_DEPTH + 3):
        parent = actions.post_comment(
            work, outsider, f"<p>level {level} words</p>", ip="", parent=parent
        )
    page = Client().get(work.get_absolute_url()).content.decode()
    assert (
        f"level {actions.DISPLAY_DEPTH} words" in page
        and f"level {actions.DISPLAY_DEPTH + 1} words" not in page
    )
    assert "Continue this thread" in page


def test_moderated_comments_wait_for_approval(author, author_client, outsider_client):
    work = WorkFactory(author=author, moderated_comments=True)
    response = post(outsider_client, work, "Please approve me")
    comment = Comment.objects.get()
    assert not comment.approved and comment_count(work) == 0
    assert "Please approve me" not in Client().get(work.get_absolute_url()).content.decode()
    queue = author_client.get(reverse("feedback:unreviewed", args=[work.pk])).content.decode()
    assert "Please approve me" in queue
    assert (
        outsider_client.post(
            reverse("feedback:manage_comment", args=[comment.pk, "approve"])
        ).status_code
        == 403
    )
    author_client.post(reverse("feedback:manage_comment", args=[comment.pk, "approve"]))
    assert (
        comment_count(work) == 1
        and "Please approve me" in Client().get(work.get_absolute_url()).content.decode()
    )
    assert response.status_code == 302


def test_creator_hides_comments_and_freezes_threads(work, author_client, outsider, outsider_client):
    comment = actions.post_comment(work, outsider, "<p>hide me</p>", ip="")
    author_client.post(reverse("feedback:manage_comment", args=[comment.pk, "hide"]))
    assert "hide me" not in Client().get(work.get_absolute_url()).content.decode()
    assert "hide me" in author_client.get(work.get_absolute_url()).content.decode()
    author_client.post(reverse("feedback:manage_comment", args=[comment.pk, "freeze"]))
    with pytest.raises(actions.CommentRefused, match="frozen"):
        actions.post_comment(work, outsider, "<p>late reply</p>", ip="", parent=comment)


def test_edit_is_marked_and_delete_leaves_a_placeholder(
    work, outsider, outsider_client, author_client
):
    comment = actions.post_comment(work, outsider, "<p>first words</p>", ip="")
    reply = actions.post_comment(work, outsider, "<p>a reply</p>", ip="", parent=comment)
    outsider_client.post(
        reverse("feedback:edit_comment", args=[comment.pk]), {"body": "better words"}
    )
    page = Client().get(work.get_absolute_url()).content.decode()
    assert "better words" in page and "Last edited" in page
    assert (
        author_client.post(
            reverse("feedback:edit_comment", args=[comment.pk]), {"body": "x"}
        ).status_code
        == 403
    )
    outsider_client.post(reverse("feedback:delete_comment", args=[comment.pk]))
    page = Client().get(work.get_absolute_url()).content.decode()
    assert (
        "(Previous comment deleted.)" in page and "a reply" in page and "better words" not in page
    )
    assert comment_count(work) == 1 and Comment.objects.filter(pk=reply.pk).exists()


def test_long_spammy_and_fast_comments_are_refused(author, outsider):
    work = WorkFactory(author=author, comment_permission="everyone")
    with pytest.raises(actions.CommentRefused, match="at most 10,000"):
        actions.post_comment(work, outsider, "x" * 10_001, ip="")
    from django.contrib.auth.models import AnonymousUser

    links = " ".join(f"https://spam{n}.example" for n in range(3))
    with pytest.raises(actions.CommentRefused, match="spam"):
        actions.post_comment(
            work,
            AnonymousUser(),
            f"<p>buy {links}</p>",
            ip="192.0.2.9",
            guest_name="Bot",
            guest_email="b@example.org",
        )


def test_inbox_marks_read_and_deletes(work, author, author_client, outsider):
    for text in ("one", "two"):
        actions.post_comment(work, outsider, f"<p>{text}</p>", ip="")
    url = reverse("feedback:inbox", args=["author"])
    page = author_client.get(url).content.decode()
    assert "My Inbox (2 unread)" in page
    items = list(InboxItem.objects.filter(user=author).values_list("pk", flat=True))
    author_client.post(url, {"items": [items[0]], "action": "read"})
    assert "My Inbox (1 unread)" in author_client.get(url).content.decode()
    author_client.post(url, {"items": items, "action": "delete"})
    assert not InboxItem.objects.exists()


def test_nobody_reads_someone_elses_inbox(author, outsider_client):
    assert outsider_client.get(reverse("feedback:inbox", args=["author"])).status_code == 403


def test_comments_on_hidden_works_are_not_shown_to_outsiders(author, outsider):
    work = WorkFactory(author=author, restricted=True)
    comment = actions.post_comment(work, outsider, "<p>members only</p>", ip="")
    response = Client().get(comment.get_absolute_url())
    assert response.status_code == 302 and "members only" not in response.content.decode()

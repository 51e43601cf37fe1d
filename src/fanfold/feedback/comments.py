"""Comments: who may post, threads, moderation, freezing, hiding, deleting, and the inbox."""

from django.db import transaction
from django.db.models import F, Prefetch
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext as _

from fanfold.accounts.models import Pseud
from fanfold.accounts.relations import is_blocked_by_any, muted_user_ids
from fanfold.feedback.models import Comment, InboxItem
from fanfold.feedback.notifications import queue_comment_email
from fanfold.feedback.spam import Submission, spam_check
from fanfold.lib.ratelimits import enforce
from fanfold.lib.wordcount import count_html
from fanfold.works.models import Chapter, CommentPermission, Work
from fanfold.works.visibility import Viewer, is_creator

MAX_LENGTH = 10_000
DISPLAY_DEPTH = 5  # deeper replies continue on the thread's own page, as on AO3


class CommentRefused(Exception):
    """A comment the archive will not take, with the sentence to show."""


_BLOCKED = "Sorry, you have been blocked from commenting here."


def refusal(work: Work, viewer: Viewer, blocked: bool | None = None) -> str | None:
    """Why this viewer may not comment here, or None. `blocked`: whether a creator blocked
    the viewer, when the caller knows it already."""
    if not work.posted:
        return "Comments open when the work is posted."
    if work.comment_permission == CommentPermission.NOBODY:
        return gettext("Sorry, this work doesn't allow comments.")
    if work.comment_permission == CommentPermission.USERS and not viewer.is_authenticated:
        return gettext(
            "Sorry, this work doesn't allow non-Archive users to comment. "
            "You can however still leave kudos!"
        )
    if blocked is None:
        creators = work.creatorships.values_list("pseud__user_id", flat=True)
        blocked = is_blocked_by_any(viewer, creators)
    if blocked:
        return _BLOCKED
    return None


def post_comment(
    work: Work,
    viewer: Viewer,
    body: str,
    *,
    ip: str,
    chapter: Chapter | None = None,
    parent: Comment | None = None,
    guest_name: str = "",
    guest_email: str = "",
) -> Comment:
    reason = refusal(work, viewer)
    if reason:
        raise CommentRefused(reason)
    if parent and is_blocked_by_any(viewer, [parent.user_id]):
        raise CommentRefused(_BLOCKED)
    if parent is not None and thread_frozen(parent):
        raise CommentRefused(_("This thread has been frozen; no more replies can be added."))
    if len(body) > MAX_LENGTH:
        raise CommentRefused(
            _("Comments can be at most %(count)s characters long.") % {"count": f"{MAX_LENGTH:,}"}
        )
    if not count_html(body) and "<img" not in body:
        raise CommentRefused(_("Your comment is empty."))
    if viewer.is_authenticated:
        enforce("comment", f"user:{viewer.pk}")
    else:
        enforce("guest_comment", f"ip:{ip}")
    name = viewer.get_username() if viewer.is_authenticated else guest_name
    if spam_check().is_spam(Submission(body, name, guest_email, ip, viewer.is_authenticated)):
        raise CommentRefused(
            _("This comment looks like spam to our filter; please remove links and try again.")
        )
    moderated = work.moderated_comments and not is_creator(viewer, work)
    with transaction.atomic():
        comment = Comment.objects.create(
            work=work,
            chapter=chapter or (parent.chapter if parent else None),
            parent=parent,
            depth=parent.depth + 1 if parent else 0,
            user=viewer if viewer.is_authenticated else None,
            guest_name=guest_name if not viewer.is_authenticated else "",
            guest_email=guest_email if not viewer.is_authenticated else "",
            body=body,
            approved=not moderated,
        )
        if comment.approved:
            _count(work, +1)
        _deliver(comment)
        queue_comment_email(comment)
    return comment


def thread_frozen(comment: Comment) -> bool:
    """Whether this comment or any above it is frozen, as the database says now."""
    node_id: int | None = comment.pk
    while node_id is not None:
        frozen, node_id = Comment.objects.values_list("frozen", "parent_id").get(pk=node_id)
        if frozen:
            return True
    return False


def _count(work: Work, change: int) -> None:
    Work.objects.filter(pk=work.pk).update(comment_count=F("comment_count") + change)


def _deliver(comment: Comment) -> None:
    """Inbox items for the work's creators and for the author of the comment replied to."""
    recipients = {c.pseud.user_id for c in comment.work.creatorships.select_related("pseud")}
    if comment.parent and comment.parent.user_id:
        recipients.add(comment.parent.user_id)
    recipients.discard(comment.user_id)
    InboxItem.objects.bulk_create(
        [InboxItem(user_id=uid, comment=comment) for uid in recipients], ignore_conflicts=True
    )


def can_manage(viewer: Viewer, comment: Comment) -> bool:
    return is_creator(viewer, comment.work)


def can_edit(viewer: Viewer, comment: Comment) -> bool:
    return bool(viewer.is_authenticated and comment.user_id == viewer.pk and not comment.deleted)


def edit_comment(comment: Comment, body: str) -> None:
    if not count_html(body) or len(body) > MAX_LENGTH:
        raise CommentRefused(
            _("A comment needs text, and at most %(count)s characters.")
            % {"count": f"{MAX_LENGTH:,}"}
        )
    comment.body, comment.edited_at = body, timezone.now()
    comment.save(update_fields=["body", "edited_at"])


def delete_comment(comment: Comment) -> None:
    """The comment becomes a placeholder so the replies below it keep their place."""
    with transaction.atomic():
        if comment.approved and not comment.deleted:
            _count(comment.work, -1)
        comment.deleted, comment.body = True, ""
        comment.save(update_fields=["deleted", "body"])


def approve_comment(comment: Comment) -> None:
    with transaction.atomic():
        if not comment.approved and not comment.deleted:
            comment.approved = True
            comment.save(update_fields=["approved"])
            _count(comment.work, +1)


def visible_comments(work: Work, viewer: Viewer):
    """Creators see hidden and waiting comments (marked); everyone else does not.
    Comments by users the viewer has muted disappear for the viewer."""
    # Each commenter's default pseud, for the link on their name: one query, not one a comment.
    default_pseud = Prefetch(
        "user__pseuds", queryset=Pseud.objects.filter(is_default=True), to_attr="default_pseuds"
    )
    comments = work.comments.select_related("user", "chapter").prefetch_related(default_pseud)
    comments = comments.order_by("id")
    comments = comments.exclude(user_id__in=muted_user_ids(viewer))
    if is_creator(viewer, work):
        return comments
    return comments.filter(approved=True, hidden_by_creator=False)


def threads(comments) -> list[tuple[Comment, int]]:
    """(comment, depth) in reading order: each comment followed by its replies, depth-first."""
    children: dict[int | None, list[Comment]] = {}
    for comment in comments:
        children.setdefault(comment.parent_id, []).append(comment)
    ordered: list[tuple[Comment, int]] = []
    stack = [(c, 0) for c in reversed(children.get(None, []))]
    while stack:
        comment, depth = stack.pop()
        ordered.append((comment, depth))
        stack += [(reply, depth + 1) for reply in reversed(children.get(comment.pk, []))]
    return ordered

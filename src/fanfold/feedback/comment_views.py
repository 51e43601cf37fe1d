"""Comment pages: post, reply, edit, delete, moderate, and the inbox."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fanfold.accounts.http import AuthenticatedRequest, own_account
from fanfold.feedback import comments as actions
from fanfold.feedback.forms import CommentForm, InboxForm
from fanfold.feedback.models import Comment, InboxItem
from fanfold.lib.pagination import paginate
from fanfold.lib.ratelimits import client_ip
from fanfold.works.reading import chapter_of, readable_work


def _readable_comment(request: HttpRequest, comment_id: int) -> Comment:
    comment = get_object_or_404(
        Comment.objects.select_related("work", "user", "parent"), pk=comment_id
    )
    readable_work(request, comment.work_id)  # the work's visibility decides the comment's
    if (
        not comment.approved
        and not actions.can_manage(request.user, comment)
        and comment.user_id != request.user.pk
    ):
        raise PermissionDenied("This comment is waiting for the creator's review.")
    return comment


@require_POST
def post_comment(request: HttpRequest, work_id: int) -> HttpResponse:
    work = readable_work(request, work_id)
    chapter_id = request.POST.get("chapter")
    chapter = (
        chapter_of(request, work, int(chapter_id)) if chapter_id and chapter_id.isdigit() else None
    )
    return _post(request, work, chapter=chapter, parent=None, back=work.get_absolute_url())


def _post(request, work, *, chapter, parent, back: str) -> HttpResponse:
    form = CommentForm(request.POST, signed_in=request.user.is_authenticated)
    if form.is_valid():
        try:
            comment = actions.post_comment(
                work, request.user, form.cleaned_data["body"], ip=client_ip(request), chapter=chapter,
                parent=parent, guest_name=form.cleaned_data.get("guest_name", ""),
                guest_email=form.cleaned_data.get("guest_email", ""),
            )  # fmt: skip
        except actions.CommentRefused as refused:
            form.add_error(None, str(refused))
        else:
            if comment.approved:
                messages.success(request, _("Comment created!"))
            else:
                messages.success(
                    request, _("Comment created! It will appear when the creator approves it.")
                )
            return redirect(f"{back}#comment_{comment.pk}")
    # Keep what was typed: show the form again with its errors.
    return render(
        request,
        "feedback/comment_form.html",
        {"form": form, "work": work, "parent": parent, "action": request.path},
        status=400,
    )


def thread(request: HttpRequest, comment_id: int) -> HttpResponse:
    comment = _readable_comment(request, comment_id)
    below = actions.visible_comments(comment.work, request.user)
    in_thread = actions.threads(_subtree(list(below), comment.pk))
    context = {
        "work": comment.work,
        "root": comment,
        "comment_threads": in_thread,
        "form": CommentForm(signed_in=request.user.is_authenticated),
        "can_reply": actions.refusal(comment.work, request.user) is None
        and not actions.thread_frozen(comment),
        "can_manage": actions.can_manage(request.user, comment),
        "max_depth": 10_000,
    }
    return render(request, "feedback/thread.html", context)


def _subtree(pool: list[Comment], root_id: int) -> list[Comment]:
    """The root and every reply below it, found with one parent map (not one per comment)."""
    parents = {c.pk: c.parent_id for c in pool}

    def below_root(comment_id: int | None) -> bool:
        while comment_id is not None:
            if comment_id == root_id:
                return True
            comment_id = parents.get(comment_id)
        return False

    return [c for c in pool if below_root(c.pk)]


def reply(request: HttpRequest, comment_id: int) -> HttpResponse:
    if request.method != "POST":  # the Reply link: the thread, with the box to reply in
        return thread(request, comment_id)
    parent = _readable_comment(request, comment_id)
    return _post(
        request, parent.work, chapter=parent.chapter, parent=parent, back=parent.get_absolute_url()
    )


@login_required
def edit(request: AuthenticatedRequest, comment_id: int) -> HttpResponse:
    comment = _readable_comment(request, comment_id)
    if not actions.can_edit(request.user, comment):
        raise PermissionDenied("Only the person who wrote a comment can edit it.")
    form = CommentForm(request.POST or None, signed_in=True, initial={"body": comment.body})
    if request.method == "POST" and form.is_valid():
        try:
            actions.edit_comment(comment, form.cleaned_data["body"])
        except actions.CommentRefused as refused:
            form.add_error("body", str(refused))
        else:
            messages.success(request, _("Comment was successfully updated."))
            return redirect(comment)
    return render(
        request,
        "feedback/comment_form.html",
        {"form": form, "work": comment.work, "editing": comment, "action": request.path},
    )


@login_required
def delete(request: AuthenticatedRequest, comment_id: int) -> HttpResponse:
    comment = _readable_comment(request, comment_id)
    if not (actions.can_edit(request.user, comment) or actions.can_manage(request.user, comment)):
        raise PermissionDenied("Only the commenter and the work's creators can delete a comment.")
    if request.method == "POST":
        actions.delete_comment(comment)
        messages.success(request, _("Comment deleted."))
        return redirect(comment.work.get_absolute_url() + "#comments")
    return render(request, "feedback/confirm_delete.html", {"comment": comment})


MANAGE = {
    "approve": (actions.approve_comment, "Comment approved."),
    "hide": (
        lambda c: Comment.objects.filter(pk=c.pk).update(hidden_by_creator=True),
        "Comment hidden.",
    ),
    "unhide": (
        lambda c: Comment.objects.filter(pk=c.pk).update(hidden_by_creator=False),
        "Comment shown again.",
    ),
    "freeze": (lambda c: Comment.objects.filter(pk=c.pk).update(frozen=True), "Thread frozen."),
    "unfreeze": (
        lambda c: Comment.objects.filter(pk=c.pk).update(frozen=False),
        "Thread unfrozen.",
    ),
}


@login_required
@require_POST
def manage(request: AuthenticatedRequest, comment_id: int, action: str) -> HttpResponse:
    comment = _readable_comment(request, comment_id)
    if action not in MANAGE or not actions.can_manage(request.user, comment):
        raise PermissionDenied("Only the work's creators can do that.")
    change, done = MANAGE[action]
    change(comment)
    messages.success(request, done)
    return redirect(comment)


@login_required
def unreviewed(request: AuthenticatedRequest, work_id: int) -> HttpResponse:
    work = readable_work(request, work_id)
    if not actions.can_manage(request.user, Comment(work=work)):
        raise PermissionDenied("Only the work's creators review its comments.")
    waiting = work.comments.filter(approved=False, deleted=False).select_related("user")
    return render(request, "feedback/unreviewed.html", {"work": work, "waiting": waiting})


@login_required
def inbox(request: AuthenticatedRequest, login_name: str) -> HttpResponse:
    own_account(request, login_name, "You can only read your own inbox.")
    items = request.user.inbox.select_related("comment__work", "comment__user")
    if request.GET.get("filter") == "unread":
        items = items.filter(read=False)
    page = paginate(request, items)
    form = InboxForm(request.POST or None, item_ids=[item.pk for item in page.object_list])
    if request.method == "POST" and form.is_valid():
        chosen = InboxItem.objects.filter(user=request.user, pk__in=form.cleaned_data["items"])
        action = form.cleaned_data["action"]
        chosen.delete() if action == "delete" else chosen.update(read=action == "read")
        messages.success(request, _("Your inbox has been updated."))
        return redirect(request.get_full_path())
    unread = request.user.inbox.filter(read=False).count()
    return render(request, "feedback/inbox.html", {"page": page, "form": form, "unread": unread})

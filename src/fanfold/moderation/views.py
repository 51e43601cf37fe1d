"""Reporting abuse (anyone), and the moderators' queue and actions (staff only)."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from fanfold.accounts.http import AuthenticatedRequest
from fanfold.accounts.models import InviteRequest, User
from fanfold.feedback.models import Comment
from fanfold.lib.pagination import paginate
from fanfold.lib.ratelimits import rate_limited
from fanfold.moderation import actions, invitations
from fanfold.moderation.audit import history_of
from fanfold.moderation.forms import (
    CloseReportForm,
    CommentActionForm,
    ReleaseInvitationsForm,
    ReportForm,
    UserActionForm,
    WorkActionForm,
)
from fanfold.moderation.models import AbuseReport, AuditEntry, ReportStatus
from fanfold.moderation.reports import ReportRefused, file_report, moderation_page
from fanfold.works.models import Work

moderator_only = permission_required("moderation.moderate", raise_exception=True)
support_only = permission_required("moderation.support", raise_exception=True)


@rate_limited("report")
def new_report(request: HttpRequest) -> HttpResponse:
    signed_in = request.user.is_authenticated
    form = ReportForm(request.POST or None, initial=request.GET.dict(), signed_in=signed_in)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            file_report(
                data["url"], data["reason"], data["details"],
                request.user if request.user.is_authenticated else None, data.get("email", ""),
            )  # fmt: skip
        except ReportRefused as refused:
            form.add_error(None, str(refused))
        else:
            return render(request, "moderation/report_filed.html", {"url": data["url"]})
    return render(request, "moderation/report_form.html", {"form": form})


@moderator_only
def queue(request: AuthenticatedRequest) -> HttpResponse:
    status = request.GET.get("status", ReportStatus.OPEN)
    reports = AbuseReport.objects.filter(status=status).select_related("reporter")
    context = {"page": paginate(request, reports), "status": status, "statuses": ReportStatus}
    return render(request, "moderation/queue.html", context)


@moderator_only
def report(request: AuthenticatedRequest, report_id: int) -> HttpResponse:
    abuse_report = get_object_or_404(AbuseReport, pk=report_id)
    form = CloseReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        actions.close_report(
            request.user, abuse_report, form.cleaned_data["status"], form.cleaned_data["note"]
        )
        messages.success(request, _("The report is closed."))
        return redirect("moderation:queue")
    same_page = AbuseReport.objects.filter(url=abuse_report.url).exclude(pk=abuse_report.pk)
    context = {
        "report": abuse_report,
        "form": form,
        "same_page": same_page[:50],
        "moderation_page": moderation_page(abuse_report),
    }
    return render(request, "moderation/report.html", context)


@moderator_only
def user_page(request: AuthenticatedRequest, login_name: str) -> HttpResponse:
    user = get_object_or_404(User, username__iexact=login_name)
    form = UserActionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            messages.success(request, _act_on_user(request.user, user, form.cleaned_data))
        except actions.ModerationRefused as refused:
            messages.error(request, str(refused))
        return redirect("moderation:user", user.username)
    context = {
        "account": user,
        "form": form,
        "sanctions": user.sanctions.select_related("given_by"),
        "old_names": user.username_changes.order_by("-changed_at"),
        "history": history_of(user)[:100],
    }
    return render(request, "moderation/user.html", context)


def _act_on_user(moderator: User, user: User, data: dict) -> str:
    action, note, days = data["action"], data["note"], data.get("days") or 0
    if action == "warn":
        actions.warn_user(moderator, user, note)
        return f"{user.username} was warned."
    if action == "suspend":
        actions.suspend_user(moderator, user, days, note)
        return f"{user.username} is suspended for {days} days."
    if action == "ban":
        actions.ban_user(moderator, user, note)
        return f"{user.username} is banned."
    if action == "invite":
        actions.give_invitations(moderator, user, days, note)
        return f"{user.username} has {days} more invitations to share."
    lifted = actions.lift_sanctions(moderator, user, note)
    return f"{lifted} suspension(s) or ban(s) lifted."


@moderator_only
def work_page(request: AuthenticatedRequest, work_id: int) -> HttpResponse:
    work = get_object_or_404(Work, pk=work_id)
    form = WorkActionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        action, note = form.cleaned_data["action"], form.cleaned_data["note"]
        if action == "delete":
            actions.delete_work(request.user, work, note)
            messages.success(request, _("The work was deleted."))
            return redirect("moderation:queue")
        actions.set_work_hidden(request.user, work, action != "unhide", note, spam=action == "spam")
        messages.success(request, _("Done."))
        return redirect("moderation:work", work.pk)
    context = {"work": work, "form": form, "history": history_of(work)[:100]}
    return render(request, "moderation/work.html", context)


@moderator_only
def comment_page(request: AuthenticatedRequest, comment_id: int) -> HttpResponse:
    comment = get_object_or_404(Comment.objects.select_related("user", "work"), pk=comment_id)
    form = CommentActionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        actions.delete_comment(request.user, comment, form.cleaned_data["note"])
        messages.success(request, _("The comment was deleted."))
        return redirect("moderation:comment", comment.pk)
    context = {"comment": comment, "form": form, "history": history_of(comment)[:100]}
    return render(request, "moderation/comment.html", context)


@moderator_only
def audit_log(request: AuthenticatedRequest) -> HttpResponse:
    entries = AuditEntry.objects.all()
    if request.GET.get("actor"):
        entries = entries.filter(actor_name__iexact=request.GET["actor"])
    return render(request, "moderation/log.html", {"page": paginate(request, entries)})


@support_only
def invitation_queue(request: AuthenticatedRequest) -> HttpResponse:
    form = ReleaseInvitationsForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        sent = actions.release_queued_invitations(request.user, form.cleaned_data["count"])
        messages.success(
            request,
            ngettext("%(sent)s invitation sent.", "%(sent)s invitations sent.", sent)
            % {"sent": sent},
        )
        return redirect("moderation:invitations")
    context = {
        "form": form,
        "waiting": InviteRequest.objects.count(),
        "oldest": InviteRequest.objects.first(),
        "mode": invitations.registration_mode(),
    }
    return render(request, "moderation/invitations.html", context)

"""What moderators and admins do to accounts, works and comments; each step is audited."""

import datetime

from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from fanfold.accounts.models import User
from fanfold.feedback import comments
from fanfold.feedback.models import Comment
from fanfold.lib.siteurl import site_url
from fanfold.moderation import invitations
from fanfold.moderation.audit import record
from fanfold.moderation.models import (
    AbuseReport,
    ReportStatus,
    Sanction,
    SanctionKind,
)
from fanfold.works import posting
from fanfold.works.models import Work


class ModerationRefused(Exception):
    """A staff action that cannot be taken, with the sentence to show."""


def _tell(user: User, subject: str, body: str) -> None:
    send_mail(subject=subject, message=body, from_email=None, recipient_list=[user.email])


def warn_user(moderator: User, user: User, note: str) -> Sanction:
    sanction = Sanction.objects.create(
        user=user, kind=SanctionKind.WARNING, note=note, given_by=moderator
    )
    record(moderator, "warn user", user, note)
    _tell(user, "A warning from the Archive's moderators", note)
    return sanction


def suspend_user(moderator: User, user: User, days: int, note: str) -> Sanction:
    if days < 1:
        raise ModerationRefused("A suspension lasts at least one day.")
    until = timezone.now() + datetime.timedelta(days=days)
    sanction = Sanction.objects.create(
        user=user, kind=SanctionKind.SUSPENSION, note=note, until=until, given_by=moderator
    )
    record(moderator, f"suspend user for {days} days", user, note)
    _tell(
        user,
        "Your Archive account is suspended",
        f"Until {until:%Y-%m-%d %H:%M} UTC you can read but not post, comment or leave "
        f"kudos.\n\n{note}",
    )
    return sanction


def ban_user(moderator: User, user: User, note: str) -> Sanction:
    if user.is_superuser:
        raise ModerationRefused("Administrators cannot be banned here.")
    with transaction.atomic():
        sanction = Sanction.objects.create(
            user=user, kind=SanctionKind.BAN, note=note, given_by=moderator
        )
        user.is_active = False
        user.save(update_fields=["is_active"])
        record(moderator, "ban user", user, note)
    _tell(user, "Your Archive account is banned", note)
    return sanction


def lift_sanctions(moderator: User, user: User, note: str) -> int:
    """Ends the account's suspensions and ban; returns how many were lifted."""
    with transaction.atomic():
        active = Sanction.objects.filter(
            user=user, kind__in=[SanctionKind.SUSPENSION, SanctionKind.BAN], lifted_at=None
        )
        lifted = active.update(lifted_at=timezone.now())
        if user.is_banned:
            user.is_active = True
            user.save(update_fields=["is_active"])
        record(moderator, "lift suspension or ban", user, note)
    return lifted


def give_invitations(moderator: User, user: User, count: int, note: str) -> None:
    with transaction.atomic():
        invitations.grant_invitations(user, count)
        record(moderator, f"give {count} invitations", user, note)


def release_queued_invitations(staff: User, count: int) -> int:
    """Invites up to `count` people from the queue now; returns how many were sent."""
    sent = invitations.release_invitations(count)
    record(staff, f"send {sent} invitations from the queue", staff)
    return sent


def set_work_hidden(moderator: User, work: Work, hidden: bool, note: str, spam: bool = False):
    with transaction.atomic():
        work.hidden_by_admin = hidden
        work.save(update_fields=["hidden_by_admin", "modified_at"])
        action = "mark work as spam" if spam else ("hide work" if hidden else "unhide work")
        record(moderator, action, work, note)
    if hidden:
        _tell_creators_of_hidden(work, note)


def _tell_creators_of_hidden(work: Work, note: str) -> None:
    """The e-mail the hidden work's page tells its creators to look for."""
    link = site_url() + work.get_absolute_url()
    for creator in {c.pseud.user for c in work.creatorships.select_related("pseud__user")}:
        _tell(
            creator,
            f"Your work “{work.title}” has been hidden",
            f"The Archive's moderators have hidden your work “{work.title}” ({link}): only you "
            f"can see it now.\n\nTheir note:\n{note}\n\nReply to this e-mail to ask about it.",
        )


def delete_work(moderator: User, work: Work, note: str) -> None:
    with transaction.atomic():
        record(moderator, "delete work", work, note)
        posting.delete_work(work)


def delete_comment(moderator: User, comment: Comment, note: str) -> None:
    with transaction.atomic():
        record(moderator, "delete comment", comment, note)
        comments.delete_comment(comment)


def close_report(moderator: User, report: AbuseReport, status: str, note: str) -> None:
    if status not in (ReportStatus.RESOLVED, ReportStatus.DISMISSED):
        raise ModerationRefused("Choose whether the report was resolved or dismissed.")
    report.status = status
    report.handled_by = moderator
    report.resolution_note = note
    report.save(update_fields=["status", "handled_by", "resolution_note"])
    record(moderator, f"report {status}", report, note)

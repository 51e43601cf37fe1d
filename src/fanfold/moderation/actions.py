"""What moderators and admins do to accounts, works and comments; each step is audited."""

import datetime

from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from fanfold.accounts.language import speaking_to
from fanfold.accounts.models import User
from fanfold.feedback import comments
from fanfold.feedback.models import Comment
from fanfold.lib.dates import format_date
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


def _tell(user: User, subject: str, body: str, **values: str) -> None:
    """Mails the member in their language: subject and body are msgids, filled in with `values`."""
    with speaking_to(user):
        send_mail(
            subject=_(subject) % values,
            message=_(body) % values,
            from_email=None,
            recipient_list=[user.email],
        )


def warn_user(moderator: User, user: User, note: str) -> Sanction:
    sanction = Sanction.objects.create(
        user=user, kind=SanctionKind.WARNING, note=note, given_by=moderator
    )
    record(moderator, "warn user", user, note)
    _tell(user, gettext_noop("A warning from the Archive's moderators"), "%(note)s", note=note)
    return sanction


def suspend_user(moderator: User, user: User, days: int, note: str) -> Sanction:
    if days < 1:
        raise ModerationRefused(_("A suspension lasts at least one day."))
    until = timezone.now() + datetime.timedelta(days=days)
    sanction = Sanction.objects.create(
        user=user, kind=SanctionKind.SUSPENSION, note=note, until=until, given_by=moderator
    )
    record(moderator, f"suspend user for {days} days", user, note)
    with speaking_to(user):
        shown_until = format_date(until, "time")  # in the member's time zone and language
    _tell(
        user,
        gettext_noop("Your Archive account is suspended"),
        gettext_noop(
            "Until %(until)s you can read but not post, comment or leave kudos.\n\n%(note)s"
        ),
        until=shown_until,
        note=note,
    )
    return sanction


def ban_user(moderator: User, user: User, note: str) -> Sanction:
    if user.is_superuser:
        raise ModerationRefused(_("Administrators cannot be banned here."))
    with transaction.atomic():
        sanction = Sanction.objects.create(
            user=user, kind=SanctionKind.BAN, note=note, given_by=moderator
        )
        user.is_active = False
        user.save(update_fields=["is_active"])
        record(moderator, "ban user", user, note)
    _tell(user, gettext_noop("Your Archive account is banned"), "%(note)s", note=note)
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
            gettext_noop("Your work “%(title)s” has been hidden"),
            gettext_noop(
                "The Archive's moderators have hidden your work “%(title)s” (%(link)s): only you "
                "can see it now.\n\nTheir note:\n%(note)s\n\nReply to this e-mail to ask about it."
            ),
            title=work.title,
            link=link,
            note=note,
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
        raise ModerationRefused(_("Choose whether the report was resolved or dismissed."))
    report.status = status
    report.handled_by = moderator
    report.resolution_note = note
    report.save(update_fields=["status", "handled_by", "resolution_note"])
    record(moderator, f"report {status}", report, note)

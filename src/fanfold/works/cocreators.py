"""Co-creators: inviting another user's pseud onto a work; they accept or decline."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils.translation import gettext as _

from fanfold.accounts.language import speaking_to
from fanfold.accounts.models import Pseud, User
from fanfold.accounts.relations import is_blocked_by_any
from fanfold.works.models import Chapter, CreatorInvitation, Creatorship, Work


class InvitationRefused(Exception):
    """A co-creator invitation that cannot be sent, with the sentence to show."""


def find_pseud(name: str) -> Pseud:
    """`login` (their default pseud) or AO3's `pseud (login)`."""
    name = name.strip()
    if name.endswith(")") and " (" in name:
        pseud_name, login = name[:-1].rsplit(" (", 1)
        found = Pseud.objects.filter(user__username__iexact=login, name__iexact=pseud_name)
    else:
        found = Pseud.objects.filter(user__username__iexact=name, is_default=True)
    pseud = found.select_related("user").filter(user__is_active=True).first()
    if pseud is None:
        raise InvitationRefused(_("There is no user or pseud called “%(name)s”.") % {"name": name})
    return pseud


def invite(
    work: Work, inviter: Pseud, pseud: Pseud, chapter: Chapter | None = None
) -> CreatorInvitation | None:
    """Invites `pseud` to the work (or one chapter of it) and tells them by email.

    Someone who already co-creates the work is credited on the chapter without asking again.
    """
    if is_blocked_by_any(inviter.user, [pseud.user_id]):
        raise InvitationRefused(
            _("%(pseud)s cannot be invited as a co-creator.") % {"pseud": pseud}
        )
    if work.creatorships.filter(pseud=pseud).exists():
        if chapter is not None:
            chapter.co_creators.add(pseud)
        return None
    if pseud.user_id == inviter.user_id:
        raise InvitationRefused(_("Choose your own pseuds with the checkboxes instead."))
    invitation, created = CreatorInvitation.objects.get_or_create(
        work=work, pseud=pseud, defaults={"invited_by": inviter, "chapter": chapter}
    )
    if created:
        with speaking_to(pseud.user):
            send_mail(
                subject=_("%(inviter)s invited you to co-create “%(title)s”")
                % {"inviter": inviter, "title": work.title},
                message=_("Accept or decline on your co-creator invitations page: %(link)s")
                % {
                    "link": settings.SITE_URL
                    + reverse("accounts:creatorships", args=[pseud.user.username])
                },
                from_email=None,
                recipient_list=[pseud.user.email],
            )
    return invitation


def pending_for(user: User):
    return CreatorInvitation.objects.filter(pseud__user=user).select_related(
        "work", "pseud", "invited_by__user", "chapter"
    )


def accept(invitation: CreatorInvitation) -> None:
    with transaction.atomic():
        work = invitation.work
        last = work.creatorships.aggregate(last=Max("position"))["last"] or 0
        Creatorship.objects.get_or_create(
            work=work, pseud=invitation.pseud, defaults={"position": last + 1}
        )
        if invitation.chapter is not None:
            invitation.chapter.co_creators.add(invitation.pseud)
        invitation.delete()


def decline(invitation: CreatorInvitation) -> None:
    invitation.delete()

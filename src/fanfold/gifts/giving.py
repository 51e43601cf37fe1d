"""Giving works to recipients, refusing gifts, and telling recipients, as on AO3."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from fanfold.accounts.language import speaking_to
from fanfold.accounts.models import Pseud, User
from fanfold.accounts.relations import is_blocked_by_any
from fanfold.gifts.models import Gift
from fanfold.works.cocreators import InvitationRefused, find_pseud
from fanfold.works.models import Work
from fanfold.works.preface import Link
from fanfold.works.visibility import Viewer


class GiftRefused(Exception):
    """A gift the rules refuse; the message is for the giver."""


def recipient_for(name: str, giver: User) -> Pseud | str:
    """A user's pseud (“pseud (user name)” or a user name), else the plain name as given."""
    name = name.strip()
    try:
        pseud = find_pseud(name)
    except InvitationRefused:
        return name
    if is_blocked_by_any(giver, [pseud.user_id]):
        raise GiftRefused(_("You can't give a gift to %(name)s.") % {"name": name})
    return pseud


def set_recipients(work: Work, recipients: list[Pseud | str]) -> list[Gift]:
    """Makes the work's gifts exactly these; refused gifts stay refused. Returns new gifts."""
    pseuds = [r for r in recipients if isinstance(r, Pseud)]
    names = [r for r in recipients if isinstance(r, str)]
    with transaction.atomic():
        work.gifts.exclude(pseud__in=pseuds).exclude(pseud=None).delete()
        work.gifts.filter(pseud=None).exclude(recipient_name__in=names).delete()
        new = [
            gift
            for gift, created in (
                *(Gift.objects.get_or_create(work=work, pseud=pseud) for pseud in pseuds),
                *(
                    Gift.objects.get_or_create(work=work, pseud=None, recipient_name=name)
                    for name in names
                ),
            )
            if created
        ]
    if work.posted and not work.unrevealed:
        transaction.on_commit(lambda: notify_recipients(new))
    return new


def refuse(gift: Gift, user: User) -> None:
    """AO3's "Refuse Gift": the recipient's name comes off the work."""
    if gift.pseud is None or gift.pseud.user_id != user.pk:
        raise GiftRefused(_("Only the recipient can refuse a gift."))
    gift.rejected = True
    gift.save(update_fields=["rejected"])


def accept_again(gift: Gift, user: User) -> None:
    if gift.pseud is None or gift.pseud.user_id != user.pk:
        raise GiftRefused(_("Only the recipient can accept a gift."))
    gift.rejected = False
    gift.save(update_fields=["rejected"])


def shown_gifts(work: Work) -> list[Gift]:
    """The recipients named on the work: refused gifts are not."""
    return [gift for gift in work.gifts.all() if not gift.rejected]


def gifts_for(recipient: User, viewer: Viewer) -> QuerySet[Gift]:
    """A user's gifts page: refused gifts only for the recipient themself."""
    gifts = Gift.objects.filter(pseud__user=recipient)
    if not (viewer.is_authenticated and viewer.pk == recipient.pk):
        gifts = gifts.filter(rejected=False)
    return gifts


def public_gifts_of(work_id: int) -> list[Gift]:
    """The gifts of a work readers can see now (posted, not waiting for a reveal)."""
    public = Gift.objects.filter(work_id=work_id, work__posted=True, work__unrevealed=False)
    return list(public.select_related("pseud__user", "work"))


def notify_recipients(gifts: list[Gift]) -> None:
    """AO3's gift notification; for an unrevealed work it waits for the reveal."""
    for gift in gifts:
        if gift.pseud is None or gift.rejected or not _claim_notice(gift):
            continue
        work = gift.work
        with speaking_to(gift.pseud.user):
            send_mail(
                subject=_("[%(archive)s] A gift work for you") % {"archive": settings.ARCHIVE_NAME},
                message=_("“%(title)s” was given to you as a gift.") % {"title": work.title}
                + "\n\n"
                + settings.SITE_URL
                + reverse("works:show", args=[work.pk]),
                from_email=None,
                recipient_list=[gift.pseud.user.email],
            )


def _claim_notice(gift: Gift) -> bool:
    """True for the one caller that marks the gift notified; the others send nothing."""
    return bool(
        Gift.objects.filter(pk=gift.pk, notified_at=None).update(notified_at=timezone.now())
    )


def recipient_links(work: Work) -> list[Link]:
    """AO3's "For <recipient>.": a user's gifts page, or the plain name."""
    links = []
    for gift in work.gifts.filter(rejected=False).select_related("pseud__user"):
        if gift.pseud is None:
            links.append(Link(gift.recipient_name))
        else:
            links.append(
                Link(gift.pseud.name, reverse("gifts:user", args=[gift.pseud.user.username]))
            )
    return links

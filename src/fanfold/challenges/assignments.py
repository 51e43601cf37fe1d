"""Assignments after matching: sending them, moderators' edits, defaulting, pinch hits,
fulfilling with a posted work, reminders before the due date and the scheduled reveal."""

import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from fanfold.accounts.language import speaking_to
from fanfold.accounts.models import Pseud, User
from fanfold.challenges.generation import signups_match
from fanfold.challenges.models import Assignment, Challenge, PotentialMatch, Signup
from fanfold.collections.items import work_in
from fanfold.collections.membership import CollectionRefused, is_maintainer, maintainer_users
from fanfold.collections.models import CollectionItem
from fanfold.collections.reveal import reveal_creators, reveal_works
from fanfold.lib.dates import format_date
from fanfold.moderation.audit import record
from fanfold.works.models import Work
from fanfold.works.visibility import Viewer, is_creator

# AO3 reminds givers a few days before assignments are due.
REMINDER_WINDOW = datetime.timedelta(days=3)


class AssignmentRefused(Exception):
    """An assignment change the rules refuse; the message is for the user."""


def _require_maintainer(user: User, challenge: Challenge) -> None:
    if not is_maintainer(user, challenge.collection):
        raise AssignmentRefused(_("Only the challenge's maintainers can do that."))


def is_giver(user: Viewer, assignment: Assignment) -> bool:
    giver = assignment.giver
    return user.is_authenticated and giver is not None and giver.user_id == user.pk


def send_assignments(challenge: Challenge, actor: User) -> int:
    """Mails every giver their assignment, once; the potential matches are then purged, as
    AO3 does, since moderators edit assignments directly from here on."""
    _require_maintainer(actor, challenge)
    missing = challenge.assignments.filter(request_signup__isnull=False, offer_signup=None)
    if missing.filter(pinch_hitter=None).exists():
        raise AssignmentRefused(
            _("Some recipients have no giver yet: assign one or a pinch hitter.")
        )
    now = timezone.now()
    with transaction.atomic():
        Challenge.objects.filter(pk=challenge.pk).update(assignments_sent_at=now)
        challenge.assignments_sent_at = now
        to_send = list(_unsent(challenge))
        Assignment.objects.filter(pk__in=[a.pk for a in to_send]).update(sent_at=now)
        PotentialMatch.objects.filter(challenge=challenge).delete()
        record(actor, "sent assignments", challenge.collection, note=f"{len(to_send)} assignments")
    transaction.on_commit(lambda: _mail_each(to_send))
    return len(to_send)


def _unsent(challenge: Challenge):
    return (
        challenge.assignments.filter(sent_at=None, request_signup__isnull=False)
        .exclude(offer_signup=None, pinch_hitter=None)
        .select_related("offer_signup__pseud__user", "pinch_hitter__user", "request_signup__pseud")
    )


def _mail_each(assignments: list[Assignment]) -> None:
    for assignment in assignments:
        _mail_assignment(assignment)


def _mail_assignment(assignment: Assignment) -> None:
    giver, collection = assignment.giver, assignment.challenge.collection
    if giver is None:
        return
    due = assignment.challenge.assignments_due_at
    with speaking_to(giver.user), timezone.override(assignment.challenge.zone):
        assigned = _("You have been assigned a gift for %(recipient)s in %(title)s.") % {
            "recipient": assignment.recipient,
            "title": collection.title,
        }
        due_line = _("It is due %(due)s.") % {"due": _due(due)} if due else ""
        send_mail(
            subject=_("[%(archive)s] Your assignment for %(title)s")
            % {"archive": settings.ARCHIVE_NAME, "title": collection.title},
            message=f"{assigned}\n{due_line}\n\n{collection.assignment_notification}\n\n"
            + settings.SITE_URL
            + assignment.get_absolute_url(),
            from_email=None,
            recipient_list=[giver.user.email],
        )


def _due(moment: datetime.datetime) -> str:
    """The due date in the challenge's time zone (made current by the caller), named."""
    return f"{format_date(moment, 'time')} {timezone.localtime(moment):%Z}"


def set_giver(assignment: Assignment, actor: User, giver: Signup | None) -> None:
    """A moderator's edit: the giver must match the recipient by the challenge's rules."""
    challenge = assignment.challenge
    _require_maintainer(actor, challenge)
    if giver is not None and giver.challenge_id != challenge.pk:
        raise AssignmentRefused(_("That sign-up is not in this challenge."))
    if (
        giver is not None
        and assignment.request_signup_id
        and not signups_match(challenge, assignment.request_signup_id, giver.pk)
    ):
        raise AssignmentRefused(
            _("%(pseud)s does not match %(recipient)s. Did you mean to write in a pinch hitter?")
            % {"pseud": giver.pseud, "recipient": assignment.recipient}
        )
    with transaction.atomic():
        assignment.offer_signup = giver
        assignment.save(update_fields=["offer_signup"])
        record(actor, "set giver", challenge.collection, note=str(assignment))


def default(assignment: Assignment, user: User) -> None:
    """The giver says they cannot finish; the maintainers then find a pinch hitter."""
    if not is_giver(user, assignment):
        raise AssignmentRefused(_("Only the giver can default on an assignment."))
    if assignment.defaulted_at:
        return
    Assignment.objects.filter(pk=assignment.pk, defaulted_at=None).update(
        defaulted_at=timezone.now()
    )
    collection = assignment.challenge.collection
    for maintainer in maintainer_users(collection):
        with speaking_to(maintainer):
            send_mail(
                subject=_("[%(archive)s] Assignment default in %(title)s")
                % {"archive": settings.ARCHIVE_NAME, "title": collection.title},
                message=_("%(giver)s has defaulted on their assignment for %(recipient)s.")
                % {"giver": assignment.giver, "recipient": assignment.recipient}
                + "\n\n"
                + settings.SITE_URL
                + reverse("challenges:assignments", args=[collection.name]),
                from_email=None,
                recipient_list=[maintainer.email],
            )


def cover(assignment: Assignment, actor: User, pinch_hitter: Pseud) -> Assignment:
    """A pinch hitter takes over a defaulted (or giverless) assignment; they are told at once."""
    _require_maintainer(actor, assignment.challenge)
    if assignment.request_signup_id is None:
        raise AssignmentRefused(_("This assignment has no recipient to cover."))
    with transaction.atomic():
        covering = Assignment.objects.create(
            challenge=assignment.challenge,
            request_signup_id=assignment.request_signup_id,
            pinch_hitter=pinch_hitter,
            sent_at=timezone.now() if assignment.challenge.assignments_sent_at else None,
        )
        assignment.covered_at = timezone.now()
        assignment.save(update_fields=["covered_at"])
        record(actor, "pinch hit", assignment.challenge.collection, note=str(covering))
    if covering.sent_at:
        transaction.on_commit(lambda: _mail_assignment(covering))
    return covering


def fulfill(assignment: Assignment, work: Work, user: User) -> CollectionItem | None:
    """The giver's posted work fulfils the assignment: it joins the collection (unless it is
    there already) as a gift to the recipient."""
    if not is_giver(user, assignment):
        raise AssignmentRefused(_("Only the giver can fulfil this assignment."))
    if not is_creator(user, work):
        raise AssignmentRefused(_("You can only fulfil an assignment with your own work."))
    collection = assignment.challenge.collection
    with transaction.atomic():
        try:
            item = work_in(collection, work, user)
        except CollectionRefused as error:
            raise AssignmentRefused(str(error)) from error
        assignment.work = work
        assignment.save(update_fields=["work"])
        recipient = assignment.recipient
        if recipient is not None and not work.gifts.filter(pseud=recipient).exists():
            work.gifts.create(pseud=recipient)
    return item


def send_reminders(now: datetime.datetime | None = None) -> int:
    """Mails each giver whose sent, unfulfilled assignment is due within the window, once."""
    now = now or timezone.now()
    due = Assignment.objects.filter(
        sent_at__isnull=False,
        defaulted_at=None,
        covered_at=None,
        reminded_at=None,
        challenge__assignments_due_at__gt=now,
        challenge__assignments_due_at__lte=now + REMINDER_WINDOW,
    ).select_related("challenge__collection", "offer_signup__pseud__user", "pinch_hitter__user")
    sent = 0
    for assignment in due:
        if assignment.is_fulfilled:
            continue
        # Claimed first, so two runs at once never send the same reminder twice.
        if not Assignment.objects.filter(pk=assignment.pk, reminded_at=None).update(
            reminded_at=now
        ):
            continue
        _mail_reminder(assignment)
        sent += 1
    return sent


def _mail_reminder(assignment: Assignment) -> None:
    giver, challenge = assignment.giver, assignment.challenge
    if giver is None or challenge.assignments_due_at is None:
        return
    with speaking_to(giver.user), timezone.override(challenge.zone):
        send_mail(
            subject=_("[%(archive)s] Your assignment for %(title)s is due soon")
            % {"archive": settings.ARCHIVE_NAME, "title": challenge.collection.title},
            message=_("Your assignment for %(recipient)s is due %(due)s.")
            % {"recipient": assignment.recipient, "due": _due(challenge.assignments_due_at)}
            + "\n\n"
            + settings.SITE_URL
            + assignment.get_absolute_url(),
            from_email=None,
            recipient_list=[giver.user.email],
        )


def reveal_due(now: datetime.datetime | None = None) -> list[str]:
    """Reveals works and creators of challenges whose reveal dates have passed, each once;
    returns what was revealed, for the command's output."""
    now = now or timezone.now()
    done = []
    steps = [
        ("works_reveal_at", "works_revealed_at", reveal_works, "works"),
        ("creators_reveal_at", "creators_revealed_at", reveal_creators, "creators"),
    ]
    for planned, stamp, reveal, label in steps:
        for challenge in Challenge.objects.filter(**{f"{planned}__lte": now, stamp: None}):
            if not Challenge.objects.filter(pk=challenge.pk, **{stamp: None}).update(
                **{stamp: now}
            ):
                continue
            owner = maintainer_users(challenge.collection).first()
            if owner is None:
                continue
            reveal(challenge.collection, owner)
            done.append(f"{label} of {challenge.collection.name}")
    return done

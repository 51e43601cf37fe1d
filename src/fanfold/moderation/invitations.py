"""Who may sign up: the admin's registration mode, the invitation queue, users' invitations."""

import secrets

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from fanfold.accounts.models import Invitation, InviteRequest, User
from fanfold.moderation.models import RegistrationMode, SiteSettings


def registration_mode() -> str:
    return SiteSettings.current().registration_mode


def request_invitation(email: str) -> int:
    """Puts the address in the queue (once) and returns its place in it.

    The answer is the same whether or not the address already has an account, so the
    queue cannot be used to find out who is on the archive.
    """
    queued, _ = InviteRequest.objects.get_or_create(email=email.strip().lower())
    return queue_position(queued)


def queue_position(queued: InviteRequest) -> int:
    return InviteRequest.objects.filter(created_at__lte=queued.created_at).count()


def _new_invitation(owner: User | None = None) -> Invitation:
    return Invitation.objects.create(token=secrets.token_urlsafe(20), owner=owner)


def send_invitation(invitation: Invitation, email: str) -> None:
    link = settings.SITE_URL + invitation.get_absolute_url()
    inviter = invitation.owner.username if invitation.owner else None
    send_mail(
        subject=_("An invitation to the Archive"),
        message=render_to_string(
            "accounts/email/invitation.txt", {"link": link, "inviter": inviter}
        ),
        from_email=None,
        recipient_list=[email],
    )
    invitation.sent_to, invitation.sent_at = email, timezone.now()
    invitation.save(update_fields=["sent_to", "sent_at"])


def release_invitations(count: int) -> int:
    """Invites the `count` oldest requests in the queue; safe to run again (each once)."""
    sent = 0
    for queued in InviteRequest.objects.all()[:count]:
        with transaction.atomic():
            # Claim the request first: a second runner finds nothing left to delete.
            if not InviteRequest.objects.filter(pk=queued.pk).delete()[0]:
                continue
            if User.objects.filter(email__iexact=queued.email).exists():
                continue
            send_invitation(_new_invitation(), queued.email)
            sent += 1
    return sent


def grant_invitations(user: User, count: int) -> list[Invitation]:
    return [_new_invitation(owner=user) for _ in range(count)]


def unused_invitation(token: str) -> Invitation | None:
    return Invitation.objects.filter(token=token, used_by=None).first()


def sign_up_refusal(invitation: Invitation | None) -> str | None:
    """Why the sign-up form is not offered, or None when it is."""
    if invitation is not None:
        return None
    mode = registration_mode()
    if mode == RegistrationMode.INVITATION:
        return "invitation"
    if mode == RegistrationMode.CLOSED:
        return "closed"
    return None

"""Signing up, confirming an email address, and changing a user name or email."""

from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.mail import send_mail
from django.db import transaction
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes, force_str
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from django.utils.translation import gettext as _

from fanfold.accounts.models import Invitation, User, UsernameChange


class EmailConfirmationTokens(PasswordResetTokenGenerator):
    """Links that stop working once used: the hash covers the confirmation state and email."""

    key_salt = "fanfold.accounts.EmailConfirmationTokens"

    def _make_hash_value(self, user, timestamp: int) -> str:
        return f"{user.pk}{user.email}{user.email_confirmed_at}{timestamp}"


email_confirmation_tokens = EmailConfirmationTokens()


def send_confirmation(request: HttpRequest, user: User) -> None:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    path = reverse("accounts:confirm", args=[uid, email_confirmation_tokens.make_token(user)])
    context = {"user": user, "link": request.build_absolute_uri(path)}
    send_mail(
        subject=_("Confirm your email address"),
        message=render_to_string("accounts/email/confirm.txt", context, request=request),
        from_email=None,
        recipient_list=[user.email],
    )


def register(request: HttpRequest, user: User, invitation: Invitation | None = None) -> User:
    """Saves a new, not yet active account and mails the confirmation link."""
    with transaction.atomic():
        user.is_active = False
        user.save()
        if invitation is not None:
            invitation.use_for(user)
    send_confirmation(request, user)
    return user


def confirm_email(uidb64: str, token: str) -> User | None:
    """Activates the account the link belongs to; None when the link is bad or used."""
    try:
        user = User.objects.get(pk=int(force_str(urlsafe_base64_decode(uidb64))))
    except (ValueError, User.DoesNotExist):
        return None
    if not email_confirmation_tokens.check_token(user, token):
        return None
    user.is_active = True
    user.email_confirmed_at = timezone.now()
    user.save(update_fields=["is_active", "email_confirmed_at"])
    return user


def change_username(user: User, new_username: str) -> None:
    """Renames the account, and the default pseud with it when it carried the old name."""
    with transaction.atomic():
        UsernameChange.objects.create(
            user=user, old_username=user.username, new_username=new_username
        )
        pseud = user.default_pseud
        if pseud.name.lower() == user.username.lower():
            pseud.name = new_username
            pseud.save(update_fields=["name"])
        user.username = new_username
        user.save(update_fields=["username"])


def change_email(request: HttpRequest, user: User, new_email: str) -> None:
    """Tells the old address, then switches; the new address must be confirmed again."""
    old_email = user.email
    send_mail(
        subject=_("Your email address was changed"),
        message=render_to_string(
            "accounts/email/email_changed.txt", {"user": user, "new_email": new_email}
        ),
        from_email=None,
        recipient_list=[old_email],
    )
    user.email = new_email
    user.email_confirmed_at = None
    user.save(update_fields=["email", "email_confirmed_at"])
    send_confirmation(request, user)

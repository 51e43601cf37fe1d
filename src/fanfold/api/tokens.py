"""Issuing, checking and revoking personal access tokens; the secret itself is never stored."""

import hashlib
import secrets

from django.utils import timezone
from django.utils.translation import gettext as _

from fanfold.accounts.models import User
from fanfold.api.models import AccessToken, Scope

TOKEN_PREFIX = "ff_"  # noqa: S105 - a label that lets secret scanners spot leaked tokens
MAX_TOKENS_PER_USER = 50


class TokenRefused(Exception):
    """A token the archive will not issue, with the sentence to show."""


def digest_of(secret: str) -> str:
    # The secret carries 256 random bits, so a plain SHA-256 cannot be guessed back (no salt needed).
    return hashlib.sha256(secret.encode()).hexdigest()


def scopes_allowed_to(user: User) -> list[str]:
    allowed = [scope.value for scope in Scope if scope != Scope.IMPORT]
    if user.has_perm("api.import_for_others"):
        allowed.append(Scope.IMPORT.value)
    return allowed


def issue_token(user: User, name: str, scopes: list[str]) -> tuple[AccessToken, str]:
    """Makes a token and returns it with its secret, which the caller shows exactly once."""
    refused = sorted(set(scopes) - set(scopes_allowed_to(user)))
    if refused:
        raise TokenRefused(
            _("You may not give a token these scopes: %(scopes)s.") % {"scopes": ", ".join(refused)}
        )
    if not scopes:
        raise TokenRefused(_("Choose at least one scope."))
    if user.access_tokens.filter(revoked_at=None).count() >= MAX_TOKENS_PER_USER:
        raise TokenRefused(
            _("You can keep at most %(MAX_TOKENS_PER_USER)s tokens; revoke one first.")
            % {"MAX_TOKENS_PER_USER": MAX_TOKENS_PER_USER}
        )
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = AccessToken.objects.create(
        user=user,
        name=name,
        prefix=secret[: len(TOKEN_PREFIX) + 6],
        digest=digest_of(secret),
        scopes=sorted(set(scopes)),
    )
    return token, secret


def token_for(secret: str) -> AccessToken | None:
    """The live token with this secret, if its owner may still use the archive."""
    token = (
        AccessToken.objects.select_related("user")
        .filter(digest=digest_of(secret), revoked_at=None)
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    # One write a minute at most: a busy client must not turn every read into an UPDATE.
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        AccessToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token


def revoke_token(token: AccessToken) -> None:
    AccessToken.objects.filter(pk=token.pk, revoked_at=None).update(revoked_at=timezone.now())

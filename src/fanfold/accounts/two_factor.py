"""Optional TOTP two-factor authentication (authenticator apps), with replay protection."""

import time

import pyotp
import segno
from django.conf import settings
from django.utils import timezone

from fanfold.accounts.models import TwoFactor, User

STEP_SECONDS = 30


def is_enabled(user: User) -> bool:
    return TwoFactor.objects.filter(user=user, confirmed_at__isnull=False).exists()


def start_setup(user: User) -> TwoFactor:
    """A fresh, unconfirmed secret (replacing any earlier unconfirmed one)."""
    two_factor, _ = TwoFactor.objects.update_or_create(
        user=user, confirmed_at=None, defaults={"secret": pyotp.random_base32()}
    )
    return two_factor


def qr_code_svg(two_factor: TwoFactor) -> str:
    uri = pyotp.TOTP(two_factor.secret).provisioning_uri(
        name=two_factor.user.username, issuer_name=settings.ARCHIVE_NAME
    )
    return segno.make(uri, error="m").svg_inline(scale=4)


def check_code(two_factor: TwoFactor, code: str) -> bool:
    """True for a current code (one step of clock drift allowed) not used before."""
    totp = pyotp.TOTP(two_factor.secret)
    code = code.replace(" ", "")
    now = time.time()
    for drift in (-1, 0, 1):
        moment = now + drift * STEP_SECONDS
        step = totp.timecode(int(moment))
        if step > two_factor.last_used_step and totp.at(moment) == code:
            two_factor.last_used_step = step
            two_factor.save(update_fields=["last_used_step"])
            return True
    return False


def confirm(two_factor: TwoFactor, code: str) -> bool:
    if not check_code(two_factor, code):
        return False
    two_factor.confirmed_at = timezone.now()
    two_factor.save(update_fields=["confirmed_at"])
    return True


def disable(user: User) -> None:
    TwoFactor.objects.filter(user=user).delete()

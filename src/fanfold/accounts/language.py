"""Writing to a member in their own language and time zone, wherever the writing happens."""

from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.utils import timezone, translation

from fanfold.accounts.models import User


def language_of(user: User) -> str:
    """The interface language the member chose; without one, the archive's default.

    Not the language of the request being served: an e-mail is often sent while someone else's
    request (or a task, with no request at all) is running.
    """
    return user.preference.language or settings.LANGUAGE_CODE


@contextmanager
def speaking_to(user: User) -> Iterator[None]:
    """Translations and dates in what the recipient reads: `with speaking_to(user): send…`."""
    with translation.override(language_of(user)), timezone.override(user.preference.time_zone):
        yield

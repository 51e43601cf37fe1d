"""Pluggable spam checks: a local heuristic by default; an Akismet-style service can replace it."""

import re
from dataclasses import dataclass
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string

_LINK = re.compile(r"https?://|<a\s", re.IGNORECASE)


@dataclass
class Submission:
    body: str
    author: str
    email: str
    ip: str
    signed_in: bool


class SpamCheck(Protocol):
    def is_spam(self, submission: Submission) -> bool: ...


class LocalHeuristic:
    """Guests posting many links, or shouting, look like spam; signed-in users get more trust."""

    MAX_LINKS_FOR_GUESTS = 2
    MAX_LINKS = 8

    def is_spam(self, submission: Submission) -> bool:
        links = len(_LINK.findall(submission.body))
        if links > (self.MAX_LINKS if submission.signed_in else self.MAX_LINKS_FOR_GUESTS):
            return True
        letters = [c for c in submission.body if c.isalpha()]
        return len(letters) > 40 and sum(c.isupper() for c in letters) > 0.8 * len(letters)


def spam_check() -> SpamCheck:
    return import_string(settings.FANFOLD_SPAM_CHECK)()

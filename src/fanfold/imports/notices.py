"""What a parser noticed: English in the JSON, the reader's language on the review page.

`fanfold import --dry-run --json` prints `warnings_found` as English sentences, a documented
contract (docs/import-format.md), and a pending web import is stored as that JSON. So a notice
is written in English from one of the templates below, and the review page recognises the
template again to show the sentence translated, even for imports stored before a translation.
"""

import re

from django.utils.translation import gettext, gettext_noop

UNKNOWN_PREFACE_LABEL = gettext_noop("Unknown preface label “%(label)s” was ignored.")
PLAIN_TEXT_HAS_NO_TAGS = gettext_noop(
    "Plain text has no tags: add a rating, warnings and fandoms after importing."
)
TAGS_FROM_EPUB_SUBJECTS = gettext_noop(
    "Tags came from the EPUB's subjects; sort them into fandoms and characters."
)
NO_BYLINE = gettext_noop("No “by <creator>” line after the preface; the title may be missing.")
PARAGRAPHS_RESTORED = gettext_noop(
    "Paragraph breaks were missing; they were restored between sentences."
)
UNKNOWN_RATING = gettext_noop("Unknown rating “%(rating)s”; imported as %(default)s.")
UNKNOWN_WARNING = gettext_noop("Unknown archive warning “%(warning)s” was left out.")
UNKNOWN_CATEGORY = gettext_noop("Unknown category “%(category)s” was left out.")
UNKNOWN_LANGUAGE = gettext_noop("Unknown language “%(language)s”; imported as English.")

TEMPLATES = (
    UNKNOWN_PREFACE_LABEL,
    PLAIN_TEXT_HAS_NO_TAGS,
    TAGS_FROM_EPUB_SUBJECTS,
    NO_BYLINE,
    PARAGRAPHS_RESTORED,
    UNKNOWN_RATING,
    UNKNOWN_WARNING,
    UNKNOWN_CATEGORY,
    UNKNOWN_LANGUAGE,
)
_PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def notice(template: str, **values: str) -> str:
    """The English sentence the JSON holds and the CLI prints."""
    return template % values


def _pattern(template: str) -> re.Pattern[str]:
    """The English sentence with each placeholder as a named group."""
    parts = _PLACEHOLDER.split(template)  # literal, name, literal, name, …
    return re.compile(
        "".join(
            f"(?P<{part}>.*)" if index % 2 else re.escape(part) for index, part in enumerate(parts)
        ),
        re.DOTALL,
    )


_PATTERNS = [(template, _pattern(template)) for template in TEMPLATES]


def translated(sentence: str) -> str:
    """The notice in the active language; a converter library's own messages stay as they are."""
    for template, pattern in _PATTERNS:
        match = pattern.fullmatch(sentence)
        if match:
            return gettext(template) % match.groupdict()
    return sentence

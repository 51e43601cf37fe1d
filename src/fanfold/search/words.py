"""How text becomes searchable words: the one tokeniser of the full-text index and the query.

Lower case, accents folded ("Café" finds "cafe"), apostrophes deleted ("don't" is "dont",
as AO3's word counter does), every other non-letter separates words ("Spider-Man" is
"spider" "man"), and each Han, Hiragana, Katakana or Thai character is a word of its own, so
a phrase of them matches them in sequence.
"""

import html
import re
import unicodedata

import regex
from django.db.models import Model, Q, QuerySet

_MARKUP = re.compile(r"<[^>]*>")
_APOSTROPHES = regex.compile(r"['’‘]")
_WORD = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}]|[\w--_]+", regex.V1)


def fold(text: str) -> str:
    """Lower case without accents or apostrophes: the form words are stored and looked up in."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    if not decomposed.isascii():  # ASCII has no accents: skipping it halved an index build
        decomposed = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _APOSTROPHES.sub("", decomposed)


def words(text: str) -> list[str]:
    """The searchable words of a text, in order (repeats kept: phrases and counts need them)."""
    return _WORD.findall(fold(text))


def plain_text(stored_html: str) -> str:
    """The text of sanitised HTML (well formed, so a pattern is enough), tags as spaces."""
    return html.unescape(_MARKUP.sub(" ", stored_html))


# SQLite refuses a statement nested deeper than 1,000 expressions: a pasted essay of distinct
# words in a name box must not become a 500. Beyond this many words, the rest are not checked
# (the answer is a superset of the exact one; no name or note is searched with more).
MOST_WORDS_CHECKED = 32


def every_word_in(model: type[Model], fields: tuple[str, ...], text: str) -> Q:
    """A database condition: each word of the text is in one of the fields (a substring match,
    for the small lists people and bookmark search filter; works go through the index).

    Each field is matched on its own table, where PostgreSQL has a trigram index for it
    (search migration 0003), and the matching rows of each field are a UNION: an OR across
    tables would make the database read every row instead.
    """
    condition = Q()
    for word in list(dict.fromkeys(words(text)))[:MOST_WORDS_CHECKED]:
        matches = [_rows_containing(model, field, word) for field in fields]
        condition &= Q(pk__in=matches[0].union(*matches[1:]))
    return condition


def _rows_containing(model: type[Model], field: str, word: str) -> QuerySet:
    relation, _, inner = field.partition("__")
    if not inner:
        found = Q(**{f"{field}__icontains": word})
    else:
        related = model._meta.get_field(relation).related_model
        assert related is not None and not isinstance(related, str), f"{field}: no relation"
        found = Q(
            **{f"{relation}__in": related._default_manager.filter(**{f"{inner}__icontains": word})}
        )
    return model._default_manager.filter(found).order_by().values("pk")

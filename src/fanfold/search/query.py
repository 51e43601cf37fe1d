"""AO3's work-search query language, parsed into a tree; a malformed query raises QueryError.

What AO3's search help documents (public/help/work-search-text-help.html) and its query
cleaner accepts: a space means AND; `OR` or `||` means either (binding tighter than the
space: `"A/B" Mature OR Explicit` is A/B and one of the two ratings); `-`, `!` or `NOT`
excludes; `"..."` is a phrase; `*` and `?` are wildcards within a word; parentheses group;
`field:value` searches one field; counts take `kudos:>100`, `words:<1000`, `hits:100-1000`
(or `kudos>100`, as AO3's cleaner reads it); `complete:true`, `crossover:false`,
`language:fr`. AND, OR and NOT are operators only in capitals, as in Elasticsearch.
"""

import re
from dataclasses import dataclass
from typing import Union

from fanfold.lib.languages import LANGUAGES
from fanfold.search.words import fold, words

MAX_QUERY_LENGTH = 1000
MAX_DEPTH = 20
MAX_COUNT = 10**12  # larger numbers are a typo; they would also overflow the index's columns

# Text fields of a work (None in a Term: all of them).
TEXT_FIELDS = ("title", "creators", "summary", "notes", "series", "tags")
# Tag names of one type (the tag field restricted to that type).
TAG_TYPE_FIELDS = {
    "fandoms": "Fandom",
    "characters": "Character",
    "relationships": "Relationship",
    "freeforms": "Freeform",
    "ratings": "Rating",
    "warnings": "ArchiveWarning",
    "categories": "Category",
}
COUNT_FIELDS = ("words", "kudos", "hits", "comments", "bookmarks", "chapters")
FLAG_FIELDS = ("complete", "crossover")
FIELD_ALIASES = {
    **{name: name for name in (*TEXT_FIELDS, *TAG_TYPE_FIELDS, *COUNT_FIELDS, *FLAG_FIELDS)},
    "creator": "creators", "author": "creators", "authors": "creators",
    "endnotes": "notes", "note": "notes", "series_title": "series", "series.title": "series",
    "tag": "tags", "fandom": "fandoms", "fandom_names": "fandoms",
    "character": "characters", "character_names": "characters",
    "relationship": "relationships", "relationship_names": "relationships",
    "ship": "relationships", "freeform": "freeforms", "freeform_names": "freeforms",
    "additional_tags": "freeforms", "rating": "ratings",
    "warning": "warnings", "archive_warning": "warnings", "archive_warnings": "warnings",
    "category": "categories",
    "word": "words", "word_count": "words", "kudo": "kudos", "kudos_count": "kudos",
    "hit": "hits", "hit_count": "hits", "comment": "comments", "comments_count": "comments",
    "bookmark": "bookmarks", "bookmarks_count": "bookmarks", "chapter": "chapters",
    "language": "language", "language_id": "language", "lang": "language",
}  # fmt: skip
LANGUAGE_CODES = {language.code.lower(): language.code for language in LANGUAGES}
LANGUAGE_CODES |= {fold(language.name): language.code for language in LANGUAGES}
TRUE_WORDS, FALSE_WORDS = {"true", "t", "yes", "y", "1"}, {"false", "f", "no", "n", "0"}


class QueryError(ValueError):
    """A query that cannot be understood, with the character where the problem is."""

    def __init__(self, message: str, position: int) -> None:
        super().__init__(message)
        self.message, self.position = message, position

    def __str__(self) -> str:
        return f"{self.message} (at character {self.position + 1})"


@dataclass(frozen=True)
class Term:
    """Words in sequence (one word, a phrase, or one word with wildcards) in a field or all."""

    text: str  # the folded words, space-separated; a wildcard word keeps its * and ?
    field: str | None = None

    @property
    def words(self) -> tuple[str, ...]:
        return tuple(self.text.split(" "))

    @property
    def wildcard(self) -> bool:
        return "*" in self.text or "?" in self.text


@dataclass(frozen=True)
class Count:
    """A count within a range, both ends included (None: open)."""

    field: str
    low: int | None
    high: int | None


@dataclass(frozen=True)
class Flag:
    field: str
    value: bool


@dataclass(frozen=True)
class Language:
    code: str


@dataclass(frozen=True)
class Not:
    child: "Node"


@dataclass(frozen=True)
class And:
    children: tuple["Node", ...]


@dataclass(frozen=True)
class Or:
    children: tuple["Node", ...]


Node = Union[Term, Count, Flag, Language, Not, And, Or]  # noqa: UP007 (a runtime alias)
Leaf = (Term, Count, Flag, Language)


def conjoin(nodes: list["Node"]) -> "Node | None":
    """Nodes that must all match, flattened; None when there are none."""
    flat: list[Node] = []
    for node in nodes:
        flat.extend(node.children if isinstance(node, And) else (node,))
    if not flat:
        return None
    return flat[0] if len(flat) == 1 else And(tuple(flat))


def _disjoin(nodes: list["Node"]) -> "Node":
    flat: list[Node] = []
    for node in nodes:
        flat.extend(node.children if isinstance(node, Or) else (node,))
    return flat[0] if len(flat) == 1 else Or(tuple(flat))


# --- reading the text into tokens ---------------------------------------------------------

_SPACE = re.compile(r"\s+")
_FIELD = re.compile(r"([A-Za-z_][A-Za-z_.]*)[ \t]*(:|<=|>=|<|>)")
_NUMBER = r"\d[\d,]*"
_COUNT_VALUE = re.compile(rf"(<=|>=|<|>|=)?[ \t]*({_NUMBER})(?:[ \t]*-[ \t]*({_NUMBER}))?")
_WORD_END = set(' \t\r\n()"')


@dataclass
class _Token:
    kind: str  # word, phrase, field, (, ), and, or, not, plus, end
    text: str
    position: int
    comparator: str = ""  # for kind "field": ":" or "<", ">"...


_OPERATORS = {"OR": "or", "||": "or", "AND": "and", "&&": "and", "NOT": "not"}
_STOPS = ("end", ")", "and", "or")  # tokens that cannot start a term


class _Lexer:
    """Reads one token at a time, so a count field can read its number from the raw text."""

    def __init__(self, text: str) -> None:
        self.text, self.at = text, 0

    def _skip_spaces(self) -> None:
        match = _SPACE.match(self.text, self.at)
        if match:
            self.at = match.end()

    def next(self) -> _Token:
        self._skip_spaces()
        start = self.at
        if start >= len(self.text):
            return _Token("end", "", start)
        char = self.text[start]
        if char in "()":
            self.at += 1
            return _Token(char, char, start)
        if char == '"':
            return self._phrase(start)
        if char in "-!+" and self._starts_term(start + 1):
            self.at += 1
            return _Token("plus" if char == "+" else "not", char, start)
        field = _FIELD.match(self.text, start)
        if field and self._is_field(field):
            self.at = field.end()
            return _Token("field", field.group(1), start, field.group(2))
        raw = self._raw_word()
        return _Token(_OPERATORS.get(raw, "word"), raw, start)

    def count_value(self) -> tuple[re.Match | None, int]:
        """The comparison or range after a count field, read from the raw text."""
        self._skip_spaces()
        match = _COUNT_VALUE.match(self.text, self.at)
        if match is None or _continues(self.text, match.end()):
            return None, self.at
        self.at = match.end()
        return match, match.start()

    def _starts_term(self, at: int) -> bool:
        return at < len(self.text) and self.text[at] not in " \t\r\n)"

    def _is_field(self, match: re.Match) -> bool:
        name, comparator = match.group(1).lower(), match.group(2)
        if comparator == ":":
            return True  # a known field, or an unknown one the parser names in its error
        return FIELD_ALIASES.get(name) in COUNT_FIELDS  # kudos>100, as AO3's cleaner reads it

    def _raw_word(self) -> str:
        """Up to a space, parenthesis or quote; a backslash makes the next character literal."""
        start = self.at
        while self.at < len(self.text) and self.text[self.at] not in _WORD_END:
            self.at += 2 if self.text[self.at] == "\\" else 1
        self.at = min(self.at, len(self.text))
        return self.text[start : self.at]

    def _phrase(self, start: int) -> _Token:
        end = self.text.find('"', start + 1)
        if end < 0:
            raise QueryError('This quote is never closed: add a closing ".', start)
        self.at = end + 1
        return _Token("phrase", self.text[start + 1 : end], start)


# --- the grammar ----------------------------------------------------------------------------
#   query   := conj END
#   conj    := disj ( ["AND" | "&&"] disj )*
#   disj    := unary ( ("OR" | "||") unary )*
#   unary   := ("NOT" | "-" | "!" | "+")* primary
#   primary := "(" conj ")" | FIELD value | PHRASE | WORD


class _Parser:
    def __init__(self, text: str) -> None:
        self.lexer = _Lexer(text)
        self.peeked: _Token | None = None
        self.depth = 0

    @property
    def token(self) -> _Token:
        if self.peeked is None:
            self.peeked = self.lexer.next()
        return self.peeked

    def _take(self) -> _Token:
        token = self.token
        self.peeked = None
        return token

    def _needs_term_after(self, operator: _Token) -> None:
        if self.token.kind in _STOPS:
            raise QueryError(f"{operator.text} needs a term after it.", operator.position)

    def parse(self) -> "Node | None":
        node = self._conjunction(None)
        if self.token.kind == ")":
            raise QueryError("This ) has no ( before it.", self.token.position)
        return node

    def _conjunction(self, field: str | None) -> "Node | None":
        parts: list[Node] = []
        while self.token.kind not in ("end", ")"):
            if self.token.kind == "or" or (self.token.kind == "and" and not parts):
                raise QueryError(f"{self.token.text} needs a term before it.", self.token.position)
            if self.token.kind == "and":
                self._needs_term_after(self._take())
                continue
            node = self._disjunction(field)
            if node is not None:
                parts.append(node)
        return conjoin(parts)

    def _disjunction(self, field: str | None) -> "Node | None":
        options = [self._unary(field)]
        while self.token.kind == "or":
            self._needs_term_after(self._take())
            options.append(self._unary(field))
        kept = [option for option in options if option is not None]
        return _disjoin(kept) if kept else None

    def _unary(self, field: str | None) -> "Node | None":
        negated = False
        while self.token.kind in ("not", "plus"):
            operator = self._take()
            negated ^= operator.kind == "not"
            self._needs_term_after(operator)
        node = self._primary(field)
        if node is None or not negated:
            return node
        return node.child if isinstance(node, Not) else Not(node)

    def _primary(self, field: str | None) -> "Node | None":
        token = self._take()
        if token.kind == "(":
            return self._group(token, field)
        if token.kind == "field":
            return self._field_value(token, field)
        if token.kind == "phrase":
            found = words(token.text)
            if not found:
                raise QueryError("These quotes hold no words to search for.", token.position)
            return Term(" ".join(found), field)
        return _word_term(token, field)

    def _group(self, opening: _Token, field: str | None) -> "Node | None":
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise QueryError(f"Parentheses nest more than {MAX_DEPTH} deep.", opening.position)
        node = self._conjunction(field)
        if self.token.kind != ")":
            raise QueryError("This ( is never closed: add a ).", opening.position)
        self._take()
        self.depth -= 1
        return node

    def _field_value(self, token: _Token, outer: str | None) -> "Node | None":
        field = FIELD_ALIASES.get(token.text.lower())
        if field is None:
            raise QueryError(
                f"“{token.text}” is not a field we know. Put the text in quotes to search "
                f"for it as it is, or use one of: {', '.join(_FIELD_NAMES)}.",
                token.position,
            )
        if outer is not None:
            raise QueryError(f"A field cannot be searched inside {outer}:(…).", token.position)
        if field in COUNT_FIELDS:
            return self._count(token, field)
        if self.token.kind in _STOPS:
            raise QueryError(f"“{token.text}:” needs something after it.", token.position)
        if field in FLAG_FIELDS:
            return self._flag(token, field)
        if field == "language":
            return self._language()
        return self._unary(field)

    def _count(self, token: _Token, field: str) -> Count:
        assert self.peeked is None, "a count's value is read from the text after its field"
        match, _ = self.lexer.count_value()
        comparator = "" if token.comparator == ":" else token.comparator
        example = f"{token.text}:>100, {token.text}:<10 or {token.text}:100-1000"
        if match is None or (comparator and match.group(1)):
            raise QueryError(f"“{token.text}” needs a number, like {example}.", token.position)
        sign = comparator or match.group(1) or "="
        low = _number(match.group(2), token)
        if match.group(3) is None:
            return _compared(field, sign, low)
        high = _number(match.group(3), token)
        if sign != "=":
            raise QueryError(
                f"“{token.text}” takes a range or a comparison, not both.", token.position
            )
        if high < low:
            raise QueryError(f"The range {low}-{high} ends before it starts.", token.position)
        return Count(field, low, high)

    def _flag(self, token: _Token, field: str) -> Flag:
        value = self._take()
        said = value.text.lower()
        if value.kind != "word" or said not in TRUE_WORDS | FALSE_WORDS:
            raise QueryError(f"“{token.text}:” takes true or false.", value.position)
        return Flag(field, said in TRUE_WORDS)

    def _language(self) -> Language:
        value = self._take()
        code = LANGUAGE_CODES.get(value.text.lower()) or LANGUAGE_CODES.get(fold(value.text))
        if code is None:
            raise QueryError(
                f"“{value.text}” is not a language we know, like en or fr.", value.position
            )
        return Language(code)


_FIELD_NAMES = (*TEXT_FIELDS, *TAG_TYPE_FIELDS, *COUNT_FIELDS, *FLAG_FIELDS, "language")


def _compared(field: str, sign: str, number: int) -> Count:
    return {
        "=": Count(field, number, number),
        ">": Count(field, number + 1, None),
        ">=": Count(field, number, None),
        "<": Count(field, None, number - 1),
        "<=": Count(field, None, number),
    }[sign]


def _continues(text: str, end: int) -> bool:
    return end < len(text) and text[end] not in _WORD_END


def _number(raw: str, token: _Token) -> int:
    value = int(raw.replace(",", ""))
    if value > MAX_COUNT:
        raise QueryError(f"{raw} is larger than any count on the archive.", token.position)
    return value


def _word_term(token: _Token, field: str | None) -> "Term | None":
    """A bare word: one word, several (Tom/Mark, read as a phrase), or one wildcard word."""
    raw = token.text
    literal = re.sub(r"\\.", " ", raw)  # escaped characters are never wildcards
    if "*" in literal or "?" in literal:
        parts = [part for part in re.split(r"[^\w*?]+|_", fold(literal)) if part]
        if len(parts) != 1 or not words(parts[0].replace("*", " ").replace("?", " ")):
            raise QueryError(
                "A wildcard (* or ?) works within one word with at least one letter, like book*.",
                token.position,
            )
        return Term(parts[0], field)
    found = words(raw.replace("\\", ""))
    return Term(" ".join(found), field) if found else None  # punctuation alone: nothing to find


def parse_query(text: str) -> "Node | None":
    """The query as a tree, None when blank; QueryError when malformed or when it has no words."""
    if len(text) > MAX_QUERY_LENGTH:
        raise QueryError(
            f"A query can be at most {MAX_QUERY_LENGTH} characters long.", MAX_QUERY_LENGTH
        )
    node = _Parser(text).parse()
    if node is None and text.strip():
        raise QueryError("There are no words to search for in this query.", 0)
    return node


# --- writing a tree back as text (parse_query(render(node)) == node) ------------------------


def render(node: "Node") -> str:
    if isinstance(node, Term):
        prefix = f"{node.field}:" if node.field else ""
        quoted = " " in node.text or node.text in _OPERATORS or _FIELD.match(node.text)
        return prefix + (f'"{node.text}"' if quoted else node.text)
    if isinstance(node, Count):
        return f"{node.field}:{_range_text(node.low, node.high)}"
    if isinstance(node, Flag):
        return f"{node.field}:{'true' if node.value else 'false'}"
    if isinstance(node, Language):
        return f"language:{node.code}"
    if isinstance(node, Not):
        return f"-{_grouped(node.child)}"
    if isinstance(node, Or):
        return " OR ".join(_grouped(child) for child in node.children)
    return " ".join(_grouped(child) for child in node.children)


def _grouped(node: "Node") -> str:
    return f"({render(node)})" if isinstance(node, (And, Or)) else render(node)


def _range_text(low: int | None, high: int | None) -> str:
    if low is not None and high is not None:
        return str(low) if low == high else f"{low}-{high}"
    return f">={low}" if low is not None else f"<{high + 1}"  # type: ignore[operator]

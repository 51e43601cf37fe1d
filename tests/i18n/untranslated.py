"""Finds text in a template that does not go through {% translate %} or {% blocktranslate %}.

Written for the test, not shared with the site: it strips what Django translates or fills in
(template tags, variables, comments, translate and blocktranslate blocks), then HTML tags,
and reports any words left, plus user-facing attributes (aria-label, placeholder, title, alt)
that hold plain words.
"""

import re

BLOCKTRANSLATE = re.compile(r"{%\s*blocktranslate\b.*?{%\s*endblocktranslate\s*%}", re.DOTALL)
COMMENT_BLOCK = re.compile(r"{%\s*comment\s*%}.*?{%\s*endcomment\s*%}", re.DOTALL)
TEMPLATE_PARTS = re.compile(r"{#.*?#}|{%.*?%}|{{.*?}}", re.DOTALL)
SCRIPT_OR_STYLE = re.compile(r"<(script|style)\b.*?</\1>", re.DOTALL | re.IGNORECASE)
SHOWN_ATTRIBUTE = re.compile(r'\b(aria-label|placeholder|title|alt)="([^"]*)"')
# Search syntax (`<kbd>rating:"Mature"</kbd>`) is what the parser reads, the same in every language.
SYNTAX = re.compile(r"<kbd>.*?</kbd>", re.DOTALL)
TAG = re.compile(r"<[^>]*>", re.DOTALL)
ENTITY = re.compile(r"&[#\w]+;")
WORD = re.compile(r"[^\W\d_]{2,}")


def untranslated(source: str) -> list[str]:
    source = BLOCKTRANSLATE.sub(" ", source)
    source = COMMENT_BLOCK.sub(" ", source)
    source = TEMPLATE_PARTS.sub(" ", source)
    source = SCRIPT_OR_STYLE.sub(" ", source)
    source = SYNTAX.sub(" ", source)
    shown = [ENTITY.sub(" ", value) for _, value in SHOWN_ATTRIBUTE.findall(source)]
    found = [value for value in shown if WORD.search(value)]
    text = ENTITY.sub(" ", TAG.sub("\n", source))
    found += [line.strip() for line in text.splitlines() if WORD.search(line)]
    return found

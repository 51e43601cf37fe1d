"""Stored HTML as readable plain text, for the text part of e-mails."""

import html

import regex
from django.utils.html import strip_tags

_LINE_BREAK = regex.compile(r"<br\s*/?>", regex.I)
_BLOCK_END = regex.compile(r"</(p|div|blockquote|li|h[1-6]|pre|tr)\s*>", regex.I)
_EXTRA_BLANK_LINES = regex.compile(r"\n[ \t]*\n(\s*\n)+")


def html_to_text(fragment: str) -> str:
    """Paragraphs become blank-line separated text; tags go, entities become characters."""
    text = _BLOCK_END.sub("\n\n", _LINE_BREAK.sub("\n", fragment))
    text = html.unescape(strip_tags(text))
    return _EXTRA_BLANK_LINES.sub("\n\n", text).strip()

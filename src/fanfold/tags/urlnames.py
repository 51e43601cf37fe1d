"""AO3's escaping of tag names in URLs, so /tags/Sherlock Holmes*s*John Watson/works works."""

from django.urls.converters import StringConverter

# AO3 writes these characters, which would break a path, as *letter* sequences.
_ESCAPES = (("/", "*s*"), ("&", "*a*"), (".", "*d*"), ("?", "*q*"), ("#", "*h*"))


def escape_tag_name(name: str) -> str:
    for raw, escaped in _ESCAPES:
        name = name.replace(raw, escaped)
    return name


def unescape_tag_name(escaped: str) -> str:
    for raw, sequence in _ESCAPES:
        escaped = escaped.replace(sequence, raw)
    return escaped


class TagNameConverter(StringConverter):
    regex = "[^/]+"

    def to_python(self, value: str) -> str:
        return unescape_tag_name(value)

    def to_url(self, value: str) -> str:
        return escape_tag_name(value)

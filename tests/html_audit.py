"""Checks that HTML carries nothing executable: only allowed tags, no handlers, safe URLs.

The allow-list is this file's own, written from AO3's list of tags a creator may use, not
imported from the sanitiser: a sanitiser that lets more through fails the tests.
"""

import re
from html.parser import HTMLParser

# What a creator's text may contain: formatting, lists, tables, links, images, ruby.
HARMLESS_TAGS = {
    "a", "abbr", "acronym", "address", "b", "big", "blockquote", "br", "caption", "center",
    "cite", "code", "col", "colgroup", "dd", "del", "details", "dfn", "div", "dl", "dt", "em",
    "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd",
    "li", "ol", "p", "pre", "q", "rp", "rt", "ruby", "s", "samp", "small", "span", "strike",
    "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr",
    "tt", "u", "ul", "var",
}  # fmt: skip
SAFE_SCHEMES = ("http:", "https:", "mailto:")
# A rendered page also has the site's own structure around the user's content.
PAGE_TAGS = {
    "html", "head", "title", "meta", "link", "body", "header", "nav", "main", "footer",
    "form", "input", "button", "label", "fieldset", "legend", "select", "option",
    "textarea", "section", "h1", "h2", "h3", "h4", "h5", "h6",
}  # fmt: skip


class _MarkupAudit(HTMLParser):
    """Collects every problem in tags and attributes; text content is not checked."""

    def __init__(self, allowed_tags: set[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.allowed_tags = allowed_tags
        self.problems: list[str] = []
        self.in_script = False

    def handle_endtag(self, tag) -> None:
        if tag == "script":
            self.in_script = False

    def handle_data(self, data) -> None:
        if self.in_script and data.strip():
            self.problems.append("inline script")

    def handle_starttag(self, tag, attrs) -> None:
        if tag == "script" and "script" in self.allowed_tags:
            self.in_script = True
            if not dict(attrs).get("src", "").startswith("/static/"):
                self.problems.append("a script that is not one of the site's own files")
            return
        if tag not in self.allowed_tags:
            self.problems.append(f"tag <{tag}>")
        for name, value in attrs:
            value = (value or "").strip().lower()
            if name.startswith("on"):
                self.problems.append(f"event handler {name}")
            has_scheme = re.match(r"[a-z]+:", value)
            if (
                name in {"href", "src", "cite", "action"}
                and has_scheme
                and not value.startswith(SAFE_SCHEMES)
            ):
                self.problems.append(f"{name}={value}")
            if name == "style":  # the CSP refuses every style attribute
                self.problems.append(f"style attribute {value!r}")


def _audit(html: str, allowed_tags: set[str]) -> list[str]:
    audit = _MarkupAudit(allowed_tags)
    audit.feed(html)
    return audit.problems


def assert_safe(fragment: str) -> None:
    """For sanitised fragments: nothing outside the allow-list."""
    problems = _audit(fragment, HARMLESS_TAGS)
    assert not problems, (fragment, problems)


def assert_safe_page(page: str) -> None:
    """For whole rendered pages: the site's own tags and script files; no inline script."""
    problems = _audit(page, HARMLESS_TAGS | PAGE_TAGS | {"script"})
    assert not problems, problems

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
    "textarea", "section", "h1", "h2", "h3", "h4", "h5", "h6", "time",
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


# Each payload would call ffxss(n) if a browser ran it; MARKER also tags the elements it makes.
MARKER = "ffxss"
XSS_PAYLOADS = [
    "<script>ffxss(1)</script>",
    "<img src=x onerror=ffxss(2)>",
    "<svg onload=ffxss(3)><circle r=1></circle></svg>",
    '<a href="javascript:ffxss(4)">ffxss link</a>',
    '<a href="JaVaScRiPt:ffxss(5)">ffxss link</a>',
    '<a href="java&#x09;script:ffxss(6)">ffxss link</a>',
    '<p class="ffxss7" style="background:url(javascript:ffxss(7))">styled</p>',
    '<p class="ffxss8" style="width: expression(ffxss(8))">styled</p>',
    '<form class="ffxss9" action="javascript:ffxss(9)"><input name="ffxss9">'
    '<button formaction="javascript:ffxss(9)">ffxss button</button></form>',
    '<iframe src="javascript:ffxss(10)"></iframe>',
    "&lt;script&gt;ffxss(11)&lt;/script&gt;",
    "<details open ontoggle=ffxss(12)><summary>ffxss</summary></details>",
    '"><img src=x onerror=ffxss(13)>',
    '<div class="ffxss14" style="position:fixed;top:0;left:0;width:100%;height:100%">cover</div>',
    "<math><mtext><table><mglyph><style><img src=x onerror=ffxss(15)>",
    '<a href="&#106;avascript:ffxss(16)">ffxss entity</a>',
]
XSS_CORPUS = "\n\n".join(XSS_PAYLOADS)
XSS_LINE = 'ffxss "><img src=x onerror=ffxss(17)><script>ffxss(18)</script>'


INERT_ATTRIBUTES = {"value", "title", "alt", "placeholder", "aria-label", "content"}


class _PayloadAudit(HTMLParser):
    """Finds elements a payload made that could run a script or cover the page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.raw_text_tag = ""

    def handle_starttag(self, tag, attrs) -> None:
        if tag in {"script", "style"}:
            self.raw_text_tag = tag
        carried = [(name, value or "") for name, value in attrs if MARKER in (value or "")]
        # The site's own form fields and labels may hold the text, escaped: that is inert.
        if any(name not in INERT_ATTRIBUTES for name, _ in carried) and tag not in HARMLESS_TAGS:
            self.problems.append(f"<{tag}> made by a payload")
        for name, value in carried:
            lowered = re.sub(r"\s", "", value).lower()
            if name.startswith("on") or name in {"style", "formaction"}:
                self.problems.append(f"{name}= on <{tag}>: {value}")
            elif lowered.startswith(("javascript:", "vbscript:", "data:")):
                self.problems.append(f"{name}={value} on <{tag}>")

    def handle_endtag(self, tag) -> None:
        if tag == self.raw_text_tag:
            self.raw_text_tag = ""

    def handle_data(self, data) -> None:
        if self.raw_text_tag and MARKER in data:
            self.problems.append(f"payload inside <{self.raw_text_tag}>")


def payload_problems(html: str) -> list[str]:
    """Elements or attributes the XSS corpus managed to create in `html`."""
    audit = _PayloadAudit()
    audit.feed(html)
    return audit.problems

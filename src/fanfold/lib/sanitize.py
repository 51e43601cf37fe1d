"""The one allow-list for user HTML (chapters, notes, summaries, comments), applied on save."""

import nh3
import regex

# Close to AO3's allow-list: text formatting, lists, tables, links and images, ruby for CJK.
ALLOWED_TAGS = {
    "a", "abbr", "acronym", "address", "b", "big", "blockquote", "br", "caption", "center",
    "cite", "code", "col", "colgroup", "dd", "del", "details", "dfn", "div", "dl", "dt", "em",
    "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd",
    "li", "ol", "p", "pre", "q", "rp", "rt", "ruby", "s", "samp", "small", "span", "strike",
    "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr",
    "tt", "u", "ul", "var",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "*": {"class", "dir", "lang", "title", "align", "style"},
    "a": {"href", "name"},
    "img": {"src", "alt", "width", "height"},
    "ol": {"start", "type"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "q": {"cite"},
    "blockquote": {"cite"},
}
# Styles that change how text reads, never where it sits: nothing can cover the page.
ALLOWED_STYLES = {"text-align", "font-style", "font-weight", "text-decoration", "font-variant"}

_CLEANER = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    clean_content_tags={"script", "style"},
    attributes=ALLOWED_ATTRIBUTES,
    url_schemes={"http", "https", "mailto"},
    link_rel="nofollow noopener noreferrer",
    filter_style_properties=ALLOWED_STYLES,
)

_BLOCK_TAG = regex.compile(r"<\s*(p|div|blockquote|ul|ol|table|h[1-6]|hr|pre|dl)\b", regex.I)
_BLANK_LINE = regex.compile(r"\n\s*\n")


def sanitize_html(text: str) -> str:
    """Safe HTML from what a user typed; text with blank lines becomes paragraphs."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        return ""
    if not _BLOCK_TAG.search(text):
        text = paragraphs_from_text(text)
    return _CLEANER.clean(text).strip()


def paragraphs_from_text(text: str) -> str:
    """Blank lines separate paragraphs and single line breaks become <br>, as AO3 does."""
    blocks = [block.strip() for block in _BLANK_LINE.split(text) if block.strip()]
    return "\n".join("<p>" + block.replace("\n", "<br />\n") + "</p>" for block in blocks)


def sanitize_fields(instance: object, *names: str) -> None:
    """Sanitise the named HTML attributes of a model instance in place (called from save)."""
    for name in names:
        setattr(instance, name, sanitize_html(getattr(instance, name) or ""))

"""The one allow-list for user HTML (chapters, notes, summaries, comments), applied on save."""

import html

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
ALLOWED_HTML_HELP = (
    "Plain text, or HTML with these tags: "
    + ", ".join(sorted(ALLOWED_TAGS))
    + ". Scripts, forms and styles that move things on the page are removed."
)
# Styles that change how text reads, never where it sits: nothing can cover the page.
ALLOWED_STYLES = {"text-align", "font-style", "font-weight", "text-decoration", "font-variant"}
# The site's CSP refuses every style attribute, so the allowed styles are stored as classes
# that the site's and the downloads' stylesheets define; other values are dropped.
STYLE_CLASSES = {
    ("text-align", "left"): "align-left",
    ("text-align", "center"): "align-center",
    ("text-align", "right"): "align-right",
    ("text-align", "justify"): "align-justify",
    ("font-style", "italic"): "italic",
    ("font-style", "oblique"): "italic",
    ("font-weight", "bold"): "bold",
    ("font-weight", "bolder"): "bold",
    ("font-weight", "700"): "bold",
    ("font-weight", "800"): "bold",
    ("font-weight", "900"): "bold",
    ("text-decoration", "underline"): "underline",
    ("text-decoration", "line-through"): "line-through",
    ("font-variant", "small-caps"): "small-caps",
}

_CLEANER = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    clean_content_tags={"script", "style"},
    attributes=ALLOWED_ATTRIBUTES,
    url_schemes={"http", "https", "mailto"},
    link_rel="nofollow noopener noreferrer",
    filter_style_properties=ALLOWED_STYLES,
)

# nh3's output quotes every attribute with " and escapes < > " inside values, so a start tag
# is always `<name ...>` with no < or > inside.
_TAG_WITH_STYLE = regex.compile(r'<[a-z][a-z0-9]*[^<>]*?\sstyle="[^"]*"[^<>]*>')
_STYLE_ATTRIBUTE = regex.compile(r'\sstyle="([^"]*)"')
_CLASS_ATTRIBUTE = regex.compile(r'\sclass="([^"]*)"')
# nh3 gives every <a> the rel above, but HTML forbids rel on an <a> without href (an
# anchor, or a link whose javascript: address was removed), and EPUBCheck refuses it.
_LINK_WITHOUT_HREF = regex.compile(r'<a\b(?![^<>]*\shref=")[^<>]*>')
_REL = ' rel="nofollow noopener noreferrer"'
_BLOCK_TAG = regex.compile(r"<\s*(p|div|blockquote|ul|ol|table|h[1-6]|hr|pre|dl)\b", regex.I)
_BLANK_LINE = regex.compile(r"\n\s*\n")


def sanitize_html(text: str) -> str:
    """Safe HTML from what a user typed; text with blank lines becomes paragraphs."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        return ""
    if not _BLOCK_TAG.search(text):
        text = paragraphs_from_text(text)
    clean = _styles_as_classes(_CLEANER.clean(text))
    return _LINK_WITHOUT_HREF.sub(lambda tag: tag.group(0).replace(_REL, ""), clean).strip()


def _styles_as_classes(clean: str) -> str:
    return _TAG_WITH_STYLE.sub(_restyle, clean) if 'style="' in clean else clean


def _style_classes(style: str) -> list[str]:
    found = []
    for declaration in style.split(";"):
        name, _, value = declaration.partition(":")
        for word in value.split():  # text-decoration may name several lines
            css_class = STYLE_CLASSES.get((name.strip().lower(), word.lower()))
            if css_class and css_class not in found:
                found.append(css_class)
    return found


def _restyle(match: regex.Match) -> str:
    tag = match.group(0)
    style = _STYLE_ATTRIBUTE.search(tag)
    assert style is not None  # the pattern matched a style attribute
    classes = _style_classes(html.unescape(style.group(1)))
    tag = tag[: style.start()] + tag[style.end() :]
    if not classes:
        return tag
    existing = _CLASS_ATTRIBUTE.search(tag)
    if existing:
        merged = " ".join(dict.fromkeys(existing.group(1).split() + classes))
        return f'{tag[: existing.start()]} class="{merged}"{tag[existing.end() :]}'
    # nh3 writes void elements as <br>, never <br/>: every tag ends with a lone ">".
    return f'{tag[:-1]} class="{" ".join(classes)}">'


def paragraphs_from_text(text: str) -> str:
    """Blank lines separate paragraphs and single line breaks become <br>, as AO3 does."""
    blocks = [block.strip() for block in _BLANK_LINE.split(text) if block.strip()]
    return "\n".join("<p>" + block.replace("\n", "<br />\n") + "</p>" for block in blocks)


def sanitize_fields(instance: object, *names: str) -> None:
    """Sanitise the named HTML attributes of a model instance in place (called from save)."""
    for name in names:
        setattr(instance, name, sanitize_html(getattr(instance, name) or ""))

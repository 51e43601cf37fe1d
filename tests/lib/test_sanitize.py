"""The HTML allow-list: hostile input loses everything dangerous, ordinary writing survives."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fanfold.lib.sanitize import sanitize_html
from tests.html_audit import assert_safe

# A corpus of classic payloads: each must come out with nothing executable left.
XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    '<img src="javascript:alert(1)">',
    '<a href="javascript:alert(1)">click</a>',
    '<a href="JaVaScRiPt:alert(1)">click</a>',
    '<a href="java&#x09;script:alert(1)">tab</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data</a>',
    "<svg onload=alert(1)><circle r=10></circle></svg>",
    "<svg><script>alert(1)</script></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<iframe src="https://evil.example"></iframe>',
    '<object data="x.swf"></object><embed src="x.swf">',
    '<div style="background:url(javascript:alert(1))">x</div>',
    '<p style="width: expression(alert(1))">x</p>',
    '<div style="position:fixed;top:0;left:0;width:100%;height:100%">cover</div>',
    "<body onload=alert(1)>",
    '<form action="https://evil.example"><input name=password></form>',
    '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    '<link rel=stylesheet href="https://evil.example/x.css">',
    "<style>body{display:none}</style>",
    '<base href="https://evil.example/">',
    '<p onclick="alert(1)" onmouseover="alert(2)">hover</p>',
    "<<script>alert(1);//<</script>",
    "<img src=x:alert(alt) onerror=eval(src) alt=0>",
    "<details open ontoggle=alert(1)>",
    '<a href="vbscript:msgbox(1)">vb</a>',
    '"><script>alert(1)</script>',
    "<p>unclosed <b>bold <i>italic",
    "<!--<script>alert(1)</script>-->",
]


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_hostile_markup_loses_everything_executable(payload):
    assert_safe(sanitize_html(payload))


def test_ordinary_formatting_survives():
    html = (
        '<p style="text-align: center">Centred <em>and</em> <strong>strong</strong></p>'
        "<blockquote><p>A quote</p></blockquote><ul><li>one</li></ul>"
        '<p><a href="https://example.org/page">a link</a> <img src="https://example.org/i.png" '
        'alt="An image"></p><hr><table><tr><td>cell</td></tr></table>'
    )
    clean = sanitize_html(html)
    for kept in (
        '<p class="align-center">',
        "<em>and</em>",
        "<strong>strong</strong>",
        "<blockquote>",
        "<li>one</li>",
        'href="https://example.org/page"',
        'alt="An image"',
        "<hr>",
        "<td>cell</td>",
    ):
        assert kept in clean


@pytest.mark.parametrize(
    ("styled", "kept"),
    [
        ('<p style="text-align: right">x</p>', '<p class="align-right">x</p>'),
        (
            '<p class="note" style="font-weight:bold;font-style:italic">x</p>',
            '<p class="note bold italic">x</p>',
        ),
        (
            '<span style="text-decoration: underline line-through">x</span>',
            '<p><span class="underline line-through">x</span></p>',
        ),
        ('<p style="color: red">x</p>', "<p>x</p>"),
        ('<p style="position: fixed; top: 0" title="a > b">x</p>', '<p title="a &gt; b">x</p>'),
        (
            '<img src="https://example.org/i.png" style="">',
            '<p><img src="https://example.org/i.png"></p>',
        ),
        (
            '<img src="https://example.org/i.png" style="text-align: center">',
            '<p><img src="https://example.org/i.png" class="align-center"></p>',
        ),
        ('<p style="text-align: CENTER">x</p>', '<p class="align-center">x</p>'),
        # A no-break space pasted from a word processor (nh3 writes it back as &nbsp;).
        ('<p style="text-align: center\u00a0">x</p>', '<p class="align-center">x</p>'),
        # One class per look, however many declarations ask for it.
        ('<p style="font-weight: bold; font-weight: 700">x</p>', '<p class="bold">x</p>'),
        ('<p class="bold" style="font-weight: bold">x</p>', '<p class="bold">x</p>'),
    ],
)
def test_styles_become_classes_and_no_style_attribute_is_left(styled, kept):
    # The site's CSP refuses style attributes, even empty ones; classes carry the allowed styles.
    assert sanitize_html(styled) == kept


def test_links_get_rel_nofollow():
    assert 'rel="nofollow noopener noreferrer"' in sanitize_html('<a href="https://x.org">x</a>')


@pytest.mark.parametrize(
    ("anchor", "kept"),
    [
        ('<a name="top">top</a>', '<p><a name="top">top</a></p>'),
        ('<a href="javascript:alert(1)">click</a>', "<p><a>click</a></p>"),
    ],
)
def test_an_anchor_without_an_address_gets_no_rel(anchor, kept):
    # HTML allows rel only beside href, and EPUBCheck refuses the e-book otherwise.
    assert sanitize_html(anchor) == kept


def test_plain_text_with_blank_lines_becomes_paragraphs():
    clean = sanitize_html("First paragraph\nsame paragraph\n\nSecond paragraph")
    assert clean == "<p>First paragraph<br>\nsame paragraph</p>\n<p>Second paragraph</p>"


def test_markup_with_paragraphs_is_left_as_written():
    assert sanitize_html("<p>One</p>\n\n<p>Two</p>") == "<p>One</p>\n\n<p>Two</p>"


def test_empty_input_is_empty():
    assert sanitize_html("  \n ") == ""


FRAGMENTS = st.sampled_from(
    [
        "<script>", "</script>", "<img src=x ", "onerror=alert(1)", ">", "<a href=",
        "javascript:", "\"", "'", "<svg ", "onload=", "<p>", "</p>", "text", " ", "\n\n",
        "<style>", "<iframe>", "&lt;", "<", "style=\"position:fixed\"", "<div ", "/>",
    ]
)  # fmt: skip


@given(st.lists(FRAGMENTS, max_size=30).map("".join))
def test_no_assembly_of_fragments_gets_through(text):
    assert_safe(sanitize_html(text))


@given(st.text(max_size=300))
def test_sanitising_twice_changes_nothing(text):
    once = sanitize_html(text)
    assert sanitize_html(once) == once

"""Word-count edges the common cases miss: lone dashes and hyphens, styles, stray end tags."""

import pytest

from fanfold.lib.wordcount import count_html, count_text


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("--", 0),  # a dash is punctuation, not a word
        ("wait -- what", 2),
        ("a - b", 2),  # a lone hyphen joins nothing and counts nothing
        ("' quoted '", 1),  # lone apostrophes vanish without becoming a word
        ("‘ ’ -", 0),
    ],
)
def test_lone_dashes_hyphens_and_apostrophes_are_not_words(text, words):
    assert count_text(text) == words


@pytest.mark.parametrize(
    ("markup", "words"),
    [
        ("<style>p { color: red }</style><p>seen</p>", 1),  # style sheets are not text
        ("<STYLE>p { color: red }</STYLE><p>seen</p>", 1),
        ("<p>before</p><style>.a {}</style><p>after this</p>", 3),
        ("</script><p>two words</p>", 2),  # a stray end tag hides nothing
        ("</p><p>still counted</p>", 2),
        ("<script>x</script><script>y</script><p>three words here</p>", 3),
    ],
)
def test_style_sheets_and_stray_end_tags(markup, words):
    assert count_html(markup) == words

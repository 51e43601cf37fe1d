"""AO3's word counter, case by case and by property."""

import html

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fanfold.lib.wordcount import count_html, count_text


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("The quick brown fox", 4),
        ("", 0),
        ("   \n\t ", 0),
        ("don't stop", 2),  # apostrophes join
        ("I’m here, aren’t I?", 4),
        ("‘quoted’ word", 2),
        ("an arm-rest and a well-known fact", 6),  # hyphens join
        ("wait--what", 2),  # a double hyphen is a dash
        ("wait — what", 2),
        ("wait—what", 2),  # an em dash separates
        ("3.14 apples", 3),  # punctuation splits numbers
        ("1,000,000 stars", 4),
        ("2024", 1),
        ("... !!! ?? — –", 0),  # punctuation alone never counts
        ("snake_case_name", 1),  # underscore is a word character
        ("café naïve résumé", 3),
        ("हिन्दी भाषा", 2),  # Devanagari with combining marks stays whole
        ("我爱你", 3),  # Han: one word per character
        ("日本語のテキスト", 8),  # Han, Hiragana and Katakana: one per character
        ("カタカナ", 4),
        ("ひらがなです", 6),  # Hiragana alone: a run would count 1
        ("ภาษาไทย", 7),
        ("한국어 문장입니다", 2),  # Korean counts by runs, like Latin
        ("สวัสดี", 6),  # Thai: one per character
        ("Hello 世界 and 안녕", 5),  # mixed scripts
        ("Привет, мир", 2),
        ("مرحبا بالعالم", 2),
    ],
)
def test_counts_words_like_ao3(text, words):
    assert count_text(text) == words


@pytest.mark.parametrize(
    ("markup", "words"),
    [
        ("<p>one two</p><p>three</p>", 3),
        ("<b>fan</b>fold", 2),  # markup boundaries separate words
        ("<p>caf&eacute; &amp; tea</p>", 2),  # entities are text, & alone is punctuation
        ("<p>don&#39;t</p>", 1),
        ("<script>var hidden = 1</script><p>seen</p>", 1),
        ("<p>line<br>break</p>", 2),
        ("<img src='x.png' alt='not counted'>", 0),  # attributes are never text
        ("<!-- a comment --><p>x</p>", 1),
    ],
)
def test_counts_only_text_nodes(markup, words):
    assert count_html(markup) == words


WORD = st.text(alphabet=st.characters(whitelist_categories=("Ll", "Lu")), min_size=1, max_size=8)


@given(st.lists(WORD, max_size=40))
def test_latin_words_separated_by_spaces_count_one_each(words):
    assert count_text(" ".join(words)) == len(words)


@given(st.text(max_size=200))
def test_escaping_text_into_html_keeps_the_count(text):
    text = text.replace("\r", "\n")
    assert count_html(html.escape(text)) == count_text(text)


@given(st.text(max_size=200), st.text(max_size=200))
def test_a_space_never_joins_words(left, right):
    assert count_text(left + " " + right) == count_text(left) + count_text(right)

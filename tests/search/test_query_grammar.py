"""AO3's query language: a grammar table of valid and invalid queries, and properties of the parser."""

import contextlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fanfold.search.query import COUNT_FIELDS, And, Count, Or, QueryError, Term, parse_query, render
from tests.search import strategies

# query -> the tree it means, written back in canonical form
VALID = [
    ("lantern", "lantern"),
    ("Lantern RIVER", "lantern river"),
    ("Harry Potter", "harry potter"),
    ('"quiet river"', '"quiet river"'),
    ("Tom/Mark", '"tom mark"'),  # AO3 escapes the slash: the words in sequence
    ('"F/F"', '"f f"'),
    ("don't", "dont"),
    ("Café", "cafe"),
    ("Spider-Man", '"spider man"'),
    ("字字", '"字 字"'),
    ("lantern || river", "lantern OR river"),
    ("lantern OR river", "lantern OR river"),
    ("lantern or river", "lantern or river"),  # lower case is a word, as in Elasticsearch
    ("lantern AND river", "lantern river"),
    ("lantern && river", "lantern river"),
    ("lantern -river", "lantern -river"),
    ("lantern !river", "lantern -river"),
    ("lantern NOT river", "lantern -river"),
    ("--lantern", "lantern"),
    ("+lantern", "lantern"),
    ('"Fandom X" "F/F" -Explicit', '"fandom x" "f f" -explicit'),
    (
        '"Character A" OR "Character B" -"Character Death"',
        '("character a" OR "character b") -"character death"',
    ),
    (
        '"Character A/Character B" Underage Mature OR Explicit',
        '"character a character b" underage (mature OR explicit)',
    ),
    ("(lantern OR river) -autumn", "(lantern OR river) -autumn"),
    ("-(lantern river)", "-(lantern river)"),
    ("book*", "book*"),
    ("r?ver", "r?ver"),
    ("title:lantern", "title:lantern"),
    ('title:"quiet lantern"', 'title:"quiet lantern"'),
    ("title:(lantern OR river)", "title:lantern OR title:river"),
    ("TITLE:lantern", "title:lantern"),
    ("creator:writer", "creators:writer"),
    ("author:writer", "creators:writer"),
    ("summary:dawn", "summary:dawn"),
    ("notes:thanks endnotes:thanks", "notes:thanks notes:thanks"),
    ("series:journey", "series:journey"),
    ("tag:fluff", "tags:fluff"),
    ('fandom:"Fandom A"', 'fandoms:"fandom a"'),
    (
        'characters:Ann relationships:"Ann/Ben" freeforms:fluff',
        'characters:ann relationships:"ann ben" freeforms:fluff',
    ),
    ('rating:"Mature"', "ratings:mature"),
    ("warnings:violence categories:gen", "warnings:violence categories:gen"),
    ("kudos:>100", "kudos:>=101"),
    ("kudos>100", "kudos:>=101"),
    ("kudos: > 100", "kudos:>=101"),
    ("kudos_count:>=100", "kudos:>=100"),
    ("words:<1000", "words:<1000"),
    ("word_count:<=1,000", "words:<1001"),
    ("hits:100-1000", "hits:100-1000"),
    ("hits: 100 - 1000", "hits:100-1000"),
    ("comments:5", "comments:5"),
    ("bookmarks:=5", "bookmarks:5"),
    ("chapters:>1", "chapters:>=2"),
    ("kudos:<0", "kudos:<0"),
    ("complete:true crossover:F", "complete:true crossover:false"),
    ("language:fr", "language:fr"),
    ("language:Français", "language:fr"),
    ("lantern -kudos:<10", "lantern -kudos:<10"),
    ("a & b", "a b"),  # punctuation alone is no word
    ("lantern - ", "lantern"),
    (r"re\:zero", '"re zero"'),  # an escaped colon is text
]

# query -> the start of the message and the character it points at (1-based)
INVALID = [
    ('"unclosed', "This quote is never closed", 1),
    ('lantern "', "This quote is never closed", 9),
    ("(lantern river", "This ( is never closed", 1),
    ("lantern)", "This ) has no ( before it", 8),
    ("OR lantern", "OR needs a term before it", 1),
    ("lantern OR", "OR needs a term after it", 9),
    ("lantern ||", "|| needs a term after it", 9),
    ("AND lantern", "AND needs a term before it", 1),
    ("lantern AND", "AND needs a term after it", 9),
    ("lantern AND OR river", "AND needs a term after it", 9),
    ("lantern NOT", "NOT needs a term after it", 9),
    ("- ", "There are no words to search for", 1),
    ('""', "These quotes hold no words", 1),
    ("Re:Zero", "“Re” is not a field we know", 1),
    ("http://example.org", "“http” is not a field we know", 1),
    ("title:", "“title:” needs something after it", 1),
    ("kudos:lots", "“kudos” needs a number", 1),
    ("kudos:", "“kudos” needs a number", 1),
    ("kudos:10x", "“kudos” needs a number", 1),
    ("kudos>>5", "“kudos” needs a number", 1),
    ("hits:>10-20", "“hits” takes a range or a comparison", 1),
    ("hits:20-10", "The range 20-10 ends before it starts", 1),
    ("kudos:99999999999999999999", "99999999999999999999 is larger than any count", 1),
    ("complete:maybe", "“complete:” takes true or false", 10),
    ("language:klingon", "“klingon” is not a language we know", 10),
    ("title:(fandoms:x)", "A field cannot be searched inside title:(…)", 8),
    ("*", "A wildcard (* or ?) works within one word", 1),
    ("a*b-c*", "A wildcard (* or ?) works within one word", 1),
    ("!!!", "There are no words to search for", 1),
    ("(" * 25 + "x" + ")" * 25, "Parentheses nest more than 20 deep", 21),
    ("x" * 1001, "A query can be at most 1000 characters long", 1001),
]


@pytest.mark.parametrize(("query", "canonical"), VALID)
def test_valid_queries_mean_what_the_table_says(query, canonical):
    node = parse_query(query)
    assert node is not None
    assert render(node) == canonical
    assert parse_query(canonical) == node


@pytest.mark.parametrize(("query", "message", "character"), INVALID)
def test_invalid_queries_say_what_is_wrong_and_where(query, message, character):
    with pytest.raises(QueryError) as raised:
        parse_query(query)
    assert raised.value.message.startswith(message)
    assert raised.value.position + 1 == character
    assert str(raised.value).endswith(f"(at character {character})")


def test_a_blank_query_asks_for_nothing():
    assert parse_query("") is None
    assert parse_query("   ") is None


def test_or_binds_closer_than_a_space_as_ao3s_help_example_says():
    node = parse_query("a b OR c d")
    assert node == And((Term("a"), Or((Term("b"), Term("c"))), Term("d")))


QUERY_ALPHABET = st.sampled_from(
    [*"abcxyz ()\"'-!+*?:|&<>=,.\\/0123456789_é字", "OR", "AND", "NOT", "title:", "kudos:", "tag:"]
)


@settings(max_examples=1500, deadline=None)
@given(st.lists(QUERY_ALPHABET, max_size=40).map("".join))
def test_any_text_parses_or_raises_a_query_error_and_round_trips(text):
    try:
        node = parse_query(text)
    except QueryError as error:
        assert error.message and 0 <= error.position <= len(text)
        return
    if node is not None:
        assert parse_query(render(node)) == node


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_arbitrary_unicode_never_raises_anything_else(text):
    with contextlib.suppress(QueryError):
        parse_query(text)


WORDS = st.sampled_from(["lantern", "river", "quiet", "autumn", "ann", "fluff", "字"])
COUNTS = st.builds(
    lambda field, low, span: Count(field, low, None if span is None else low + span),
    st.sampled_from(COUNT_FIELDS),
    st.integers(0, 10**6),
    st.one_of(st.none(), st.integers(0, 1000)),
) | st.builds(
    lambda field, high: Count(field, None, high),
    st.sampled_from(COUNT_FIELDS),
    st.integers(-1, 10**6),
)
query_trees = strategies.query_trees(
    st.one_of(
        WORDS,
        st.lists(WORDS, min_size=2, max_size=3).map(" ".join),
        WORDS.map(lambda w: w[:2] + "*"),
    ),
    COUNTS,
    max_leaves=8,
)


@settings(max_examples=500, deadline=None)
@given(query_trees)
def test_every_tree_written_out_parses_back_to_itself(node):
    assert parse_query(render(node)) == node

"""Hypothesis strategies for query trees, shared by the grammar and the equality tests."""

from hypothesis import strategies as st

from fanfold.search.query import TAG_TYPE_FIELDS, TEXT_FIELDS, And, Flag, Language, Not, Or, Term


def query_trees(term_text: st.SearchStrategy[str], counts: st.SearchStrategy, max_leaves: int):
    """Trees of terms (in any field or one), counts, flags and languages under AND, OR, NOT."""
    term = st.builds(
        Term,
        text=term_text,
        field=st.one_of(st.none(), st.none(), st.sampled_from([*TEXT_FIELDS, *TAG_TYPE_FIELDS])),
    )
    leaf = st.one_of(
        term,
        term,
        term,
        counts,
        st.builds(Flag, st.sampled_from(["complete", "crossover"]), st.booleans()),
        st.builds(Language, st.sampled_from(["en", "fr", "ja"])),
    )

    def combined(inner):
        def children(kind):
            return st.lists(inner.filter(lambda n: not isinstance(n, kind)), min_size=2, max_size=3)

        return st.one_of(
            inner.filter(lambda n: not isinstance(n, Not)).map(Not),
            children(And).map(tuple).map(And),
            children(Or).map(tuple).map(Or),
        )

    return st.recursive(leaf, combined, max_leaves=max_leaves)

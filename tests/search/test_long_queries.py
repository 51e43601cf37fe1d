"""A pasted essay in a search box is answered, never a 500: thousands of distinct words in
every text field of works, people and bookmark search (SQLite refuses statements nested more
than 1,000 deep; seen by `make soak`'s probes)."""

import pytest
from django.urls import reverse

from tests.factories import UserFactory, WorkFactory

pytestmark = pytest.mark.django_db
ESSAY = " ".join(f"word{n}" for n in range(3000))
FIELDS = {
    "works:list": ["work_search[query]", "work_search[title]", "work_search[creators]",
                   "work_search[other_tag_names]"],
    "works:search": ["work_search[query]", "work_search[title]", "work_search[creators]"],
    "search:people": ["people_search[name]", "people_search[query]"],
    "search:bookmarks": ["bookmark_search[bookmark_query]", "bookmark_search[bookmarker]",
                         "bookmark_search[bookmark_notes]", "bookmark_search[bookmarkable_query]"],
}  # fmt: skip


@pytest.mark.parametrize(
    ("page", "field"), [(page, field) for page, fields in FIELDS.items() for field in fields]
)
def test_thousands_of_distinct_words_are_answered(client, page, field):
    WorkFactory(author=UserFactory(username="word1"), title="word1 word2")
    answer = client.get(reverse(page), {field: ESSAY})
    assert answer.status_code == 200

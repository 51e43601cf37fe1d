"""On PostgreSQL, people and bookmark search match words through trigram indexes instead of
reading whole tables (search migration 0003); SQLite keeps its scans (tested everywhere else)."""

import pytest
from django.db import connection
from django.http import QueryDict

from fanfold.accounts.models import Pseud, User
from fanfold.search.bookmarksearch import find_bookmarks
from fanfold.search.people import PeopleQuery, find_pseuds
from fanfold.tags.models import Tag
from tests.factories import UserFactory

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="trigram indexes are PostgreSQL's"
)


@pytest.fixture
def planner_avoids_table_scans(db):
    # A test table is tiny, where a scan is cheapest; this shows whether an index can answer.
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")


def test_people_search_matches_names_through_trigram_indexes(planner_avoids_table_scans):
    UserFactory(username="lamplighter")
    assert find_pseuds(PeopleQuery(name="lamp")).exists()
    # Each name is matched on its own table like this (inside the whole people query the
    # planner's choice between these and the name-ordering index depends on the tables' sizes).
    pseuds = Pseud.objects.filter(name__icontains="lamp").order_by().explain()
    users = User.objects.filter(username__icontains="lamp").order_by().explain()
    assert "accounts_pseud_name_trgm" in pseuds and "accounts_user_username_trgm" in users


def test_bookmark_search_matches_notes_and_tags_through_trigram_indexes(
    planner_avoids_table_scans,
):
    query = QueryDict("bookmark_search[bookmark_query]=harbour")
    assert (
        "feedback_bookmark_notes_trgm" in find_bookmarks(query, UserFactory()).bookmarks.explain()
    )
    # The bookmarker's tags are matched by name like this (a test's tag table is too small
    # for the planner to pick the index inside the whole bookmark query).
    assert (
        "tags_tag_name_trgm" in Tag.objects.filter(name__icontains="harbour").order_by().explain()
    )

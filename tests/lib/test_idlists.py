"""An id list of any length is one query parameter: more ids than SQLite's 32,766 bound
parameters still give exact answers (bookmark search hands the index's matches this way)."""

from django.test import Client

from fanfold.feedback.bookmarks import save_bookmark
from fanfold.feedback.models import Bookmark
from fanfold.lib.idlists import one_of
from tests.factories import UserFactory, WorkFactory


def test_forty_thousand_ids_find_exactly_the_rows_among_them(author):
    works = [WorkFactory(author=author, title=f"Tide Table {n}") for n in range(3)]
    reader = UserFactory(username="tidewatcher")
    for work in works:
        save_bookmark(reader, work, notes="", tag_names=[], private=False, rec=False)
    far_away = list(range(10_000_000, 10_040_000))
    chosen = Bookmark.objects.filter(one_of("work_id", [*far_away, works[0].pk, works[2].pk]))
    assert sorted(chosen.values_list("work_id", flat=True)) == [works[0].pk, works[2].pk]
    assert not Bookmark.objects.filter(one_of("work_id", [])).exists()


def test_bookmark_search_by_the_works_fields_gives_an_exact_total(author):
    reader = UserFactory(username="tidewatcher")
    for n in range(3):
        work = WorkFactory(author=author, title=f"Tide Table {n}")
        save_bookmark(reader, work, notes="", tag_names=[], private=False, rec=False)
    WorkFactory(author=author, title="Mountain Pass")
    answer = Client().get("/bookmarks/search", {"bookmark_search[bookmarkable_query]": "tide"})
    text = answer.content.decode()
    assert text.count("Tide Table") >= 3 and "Mountain Pass" not in text

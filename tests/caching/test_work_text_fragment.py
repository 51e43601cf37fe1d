"""A work page's header, preface and text are rendered once per version of what they show:
a signed-in reader still sees every change at once, and only what is theirs."""

from fanfold.tags.models import Tag
from fanfold.works.chapters import add_chapter, save_chapter
from fanfold.works.models import Chapter
from tests.conftest import signed_in
from tests.factories import UserFactory, WorkFactory


def work_page(reader, work) -> str:
    return signed_in(reader).get(work.get_absolute_url()).content.decode()


def test_an_edited_chapter_a_renamed_tag_and_pseud_show_at_once(author, outsider):
    work = WorkFactory(author=author, freeforms=("Harbour Lights",))
    assert "Once upon a time" in work_page(outsider, work)
    chapter = work.chapters.get()
    chapter.body = "<p>The tide came in.</p>"
    save_chapter(chapter)
    Tag.objects.filter(name="Harbour Lights").update(name="Harbour Lamps")
    author.pseuds.update(name="lamplighter")
    page = work_page(outsider, work)
    assert "The tide came in." in page and "Once upon a time" not in page
    assert "Harbour Lamps" in page and "Harbour Lights" not in page
    assert "lamplighter" in page


def test_the_creators_edit_links_are_never_shown_to_readers(author, outsider):
    work = WorkFactory(author=author)
    add_chapter(work, Chapter(body="<p>Later.</p>"), post=True)
    assert "Edit chapter" in work_page(author, work)
    assert "Edit chapter" not in work_page(outsider, work)


def test_readers_who_hide_warnings_get_their_own_header(author):
    work = WorkFactory(author=author, warnings=("Major Character Death",))
    plain, careful = UserFactory(username="plain"), UserFactory(username="careful")
    careful.preference.hide_warnings = True
    careful.preference.save()
    assert "Show warnings" not in work_page(plain, work)
    assert "Show warnings" in work_page(careful, work)
    assert "Show warnings" not in work_page(plain, work)

"""A change to one work renders only that work's fragments again: every other work's blurb and
header stay cached (counted by the templates rendered, not by timing), and the change shows
at once on the changed work's listing blurb and page."""

import contextlib

from django.test.signals import template_rendered

from fanfold.works.models import Work
from tests.conftest import signed_in
from tests.factories import WorkFactory


@contextlib.contextmanager
def rendered(template_name: str):
    """The works whose `template_name` was rendered inside the block, in order."""
    works: list[int] = []

    def note(sender, template, context, **kwargs) -> None:
        if template.name == template_name:
            works.append(context["work"].pk)

    template_rendered.connect(note)
    try:
        yield works
    finally:
        template_rendered.disconnect(note)


def test_an_edit_to_one_work_renders_only_its_blurb_again(author, outsider):
    edited = WorkFactory(author=author, title="Harbour At Dawn")
    untouched = WorkFactory(author=author, title="Harbour At Dusk")
    reader = signed_in(outsider)
    with rendered("works/_blurb.html") as first:
        reader.get("/works")
    assert sorted(first) == sorted([edited.pk, untouched.pk])
    with rendered("works/_blurb.html") as again:
        reader.get("/works")
    assert again == []
    Work.objects.filter(pk=edited.pk).update(title="Harbour At Noon")
    with rendered("works/_blurb.html") as after_edit:
        listing = reader.get("/works").content.decode()
    assert after_edit == [edited.pk]
    assert "Harbour At Noon" in listing and "Harbour At Dawn" not in listing
    assert "Harbour At Dusk" in listing


def test_an_edit_to_one_work_leaves_the_other_works_header_cached(author, outsider, buffered_hits):
    # Hits wait for a batch, as in production: a flushed hit count is a change of the work.
    edited = WorkFactory(author=author, title="Lamp At Dawn")
    untouched = WorkFactory(author=author, title="Lamp At Dusk")
    reader = signed_in(outsider)
    for work in (edited, untouched):
        with rendered("works/_meta.html") as first:
            reader.get(work.get_absolute_url())
        assert first == [work.pk]
    Work.objects.filter(pk=edited.pk).update(title="Lamp At Noon")
    with rendered("works/_meta.html") as edited_page:
        page = reader.get(edited.get_absolute_url()).content.decode()
    assert edited_page == [edited.pk] and "Lamp At Noon" in page
    with rendered("works/_meta.html") as untouched_page:
        reader.get(untouched.get_absolute_url())
    assert untouched_page == []

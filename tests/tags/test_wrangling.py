"""Wrangling: the rules, the bulk page, and works re-filtered afterwards."""

import pytest
from django.urls import reverse

from fanfold.search.models import FilterTagging
from fanfold.tags import wrangling
from fanfold.tags.models import MetaTagging, Tag, TagParent, TagType
from tests.factories import WorkFactory

WRANGLE = reverse("tags:wrangle")


def tag(name: str, tag_type=TagType.FREEFORM, canonical=False) -> Tag:
    return Tag.objects.create(name=name, type=tag_type, canonical=canonical)


def filter_tag_names(work) -> set[str]:
    return set(FilterTagging.objects.filter(work=work).values_list("tag__name", flat=True))


def test_guests_and_outsiders_cannot_wrangle(guest, outsider_client, db):
    assert guest.get(WRANGLE).status_code == 302
    assert outsider_client.get(WRANGLE).status_code == 403
    assert outsider_client.post(WRANGLE, {"action": "canonical"}).status_code == 403


def test_wrangler_sees_unwrangled_tags_of_a_fandom(author, wrangler_client):
    WorkFactory(author=author, fandoms=("Fandom One",), freeforms=("Loose Tag",))
    WorkFactory(author=author, fandoms=("Fandom Two",), freeforms=("Other Tag",))
    page = wrangler_client.get(
        WRANGLE, {"status": "unwrangled", "fandom": "Fandom One"}
    ).content.decode()
    assert "Loose Tag" in page and "Other Tag" not in page


def test_bulk_synonyms_refilter_works_in_the_background(
    author, wrangler_client, guest, django_capture_on_commit_callbacks
):
    canonical = tag("Hurt/Comfort", canonical=True)
    work_a = WorkFactory(author=author, freeforms=("hurt comfort",))
    work_b = WorkFactory(author=author, freeforms=("h/c",))
    picks = Tag.objects.filter(name__in=["hurt comfort", "h/c"]).values_list("pk", flat=True)
    # Re-filtering is queued to run after the commit, which a test never reaches by itself.
    with django_capture_on_commit_callbacks(execute=True):
        response = wrangler_client.post(
            WRANGLE,
            {"tags": list(picks), "action": "synonym", "target": "hurt/comfort"},
            follow=True,
        )
    assert "2 tags wrangled" in response.content.decode()
    assert "Hurt/Comfort" in filter_tag_names(work_a) and "Hurt/Comfort" in filter_tag_names(work_b)
    listing = guest.get(reverse("tags:works", args=[canonical.name]))
    assert listing.context["page"].paginator.count == 2


def test_meta_tags_make_filtering_transitive(author, django_capture_on_commit_callbacks):
    top = tag("Sherlock Holmes & Related Fandoms", TagType.FANDOM, canonical=True)
    middle = tag("Sherlock (TV)", TagType.FANDOM, canonical=True)
    bottom = tag("Sherlock (TV) - Christmas Special", TagType.FANDOM, canonical=True)
    work = WorkFactory(author=author, fandoms=(bottom.name,))
    with django_capture_on_commit_callbacks(execute=True):
        wrangling.add_meta_tag([middle], top)
        wrangling.add_meta_tag([bottom], middle)
    assert {top.name, middle.name, bottom.name} <= filter_tag_names(work)
    with django_capture_on_commit_callbacks(execute=True):
        wrangling.remove_meta_tag(bottom, middle)
    assert top.name not in filter_tag_names(work)


def test_meta_tag_loops_are_refused(db):
    a = tag("A", canonical=True)
    b = tag("B", canonical=True)
    wrangling.add_meta_tag([b], a)
    with pytest.raises(wrangling.WranglingError, match="loop"):
        wrangling.add_meta_tag([a], b)


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (lambda: ([tag("x")], tag("y")), "not canonical"),
        (lambda: ([tag("x")], tag("y", TagType.CHARACTER, canonical=True)), "same type"),
        (lambda: ([Tag.objects.get(name="Mature")], tag("y", canonical=True)), "fixed"),
    ],
)
def test_synonym_rules(db, setup, message):
    tags, canonical = setup()
    with pytest.raises(wrangling.WranglingError, match=message):
        wrangling.make_synonyms(tags, canonical)


def test_a_synonyms_own_synonyms_follow_it(db):
    first = tag("First", canonical=True)
    second = tag("Second", canonical=True)
    old_synonym = tag("old spelling")
    wrangling.make_synonyms([old_synonym], first)
    wrangling.make_synonyms([first], second)
    old_synonym.refresh_from_db()
    assert old_synonym.merger == second


def test_parents_follow_ao3s_rules(db):
    fandom = tag("Pride and Prejudice - Jane Austen", TagType.FANDOM, canonical=True)
    character = tag("Elizabeth Bennet", TagType.CHARACTER, canonical=True)
    books = Tag.objects.get(name="Books & Literature")
    wrangling.add_parent([character], fandom)
    wrangling.add_parent([fandom], books)
    assert TagParent.objects.filter(child=character, parent=fandom).exists()
    with pytest.raises(wrangling.WranglingError):
        wrangling.add_parent([fandom], character)


def test_wrangling_errors_are_shown_on_the_page(wrangler_client, db):
    loose = tag("Loose")
    response = wrangler_client.post(
        WRANGLE, {"tags": [loose.pk], "action": "synonym", "target": "Nope"}
    )
    assert "There is no tag named “Nope”." in response.content.decode()


def test_single_tag_edit_page(wrangler_client, db):
    loose = tag("Tea Time")
    fandom = tag("Some Fandom", TagType.FANDOM, canonical=True)
    url = reverse("tags:edit", args=[loose.name])
    wrangler_client.post(url, {"canonical": "on", "add_parent": fandom.name})
    loose.refresh_from_db()
    assert loose.canonical and TagParent.objects.filter(child=loose, parent=fandom).exists()
    wrangler_client.post(url, {"canonical": "on", "remove_parent": [fandom.pk]})
    assert not TagParent.objects.filter(child=loose).exists()


def test_tag_page_shows_relations_and_a_visible_count(author, guest):
    canonical = tag("Fluff", canonical=True)
    synonym = tag("fluffy")
    wrangling.make_synonyms([synonym], canonical)
    meta = tag("Happy Things", canonical=True)
    MetaTagging.objects.create(meta=meta, sub=canonical)
    WorkFactory(author=author, freeforms=("fluffy",))
    WorkFactory(author=author, freeforms=("Fluff",), restricted=True)
    page = guest.get(reverse("tags:show", args=["Fluff"])).content.decode()
    assert "Works (1)" in page  # the restricted work is not counted for a guest
    assert "fluffy" in page and "Happy Things" in page
    assert "made a synonym of" in guest.get(reverse("tags:show", args=["fluffy"])).content.decode()


def test_media_page_lists_fandoms_a_to_z_with_counts(author, guest, db):
    books = Tag.objects.get(name="Books & Literature")
    for name in ("Pride and Prejudice - Jane Austen", "Alice in Wonderland - Lewis Carroll"):
        wrangling.add_parent([tag(name, TagType.FANDOM, canonical=True)], books)
    WorkFactory(author=author, fandoms=("Alice in Wonderland - Lewis Carroll",))
    url = reverse("tags:media_fandoms", args=[books.name])
    assert url == "/media/Books%20*a*%20Literature/fandoms"
    page = guest.get(url).content.decode()
    assert page.index('id="letter-A"') < page.index('id="letter-P"')
    assert "Alice in Wonderland - Lewis Carroll</a> (1)" in page
    assert "Pride and Prejudice - Jane Austen</a> (0)" in page


def test_autocomplete_suggests_canonical_tags_and_synonyms_fandom_first(db, guest):
    fandom = tag("Sherlock Holmes - Arthur Conan Doyle", TagType.FANDOM, canonical=True)
    inside = tag("Sherlock Holmes", TagType.CHARACTER, canonical=True)
    TagParent.objects.create(child=inside, parent=fandom)
    tag("Sherlock Bones", TagType.CHARACTER, canonical=True)
    tag("Sherlock (unwrangled)", TagType.CHARACTER)
    tag("Shepherd", TagType.FREEFORM, canonical=True)
    response = guest.get(
        reverse("tags:autocomplete"),
        {"term": "sherl", "type": "Character", "fandoms": fandom.name},
    )
    assert response.json() == {"tags": ["Sherlock Holmes", "Sherlock Bones"]}
    assert guest.get(reverse("tags:autocomplete"), {"term": "sh", "type": "Rating"}).json() == {
        "tags": []
    }


def test_autocomplete_finds_words_inside_names_and_publicly_used_unwrangled_tags(db, guest, author):
    tag("Sherlock Holmes", TagType.CHARACTER, canonical=True)
    WorkFactory(author=author, freeforms=("Tea Parties",))
    WorkFactory(author=author, freeforms=("Teacup Secrets",), hidden_by_admin=True)
    WorkFactory(author=author, freeforms=("Tealight Draft",), posted=False)
    WorkFactory(author=author, freeforms=("Teaspoon Members Only",), restricted=True)

    def suggested(term: str, tag_type: str) -> list[str]:
        response = guest.get(reverse("tags:autocomplete"), {"term": term, "type": tag_type})
        return response.json()["tags"]

    assert suggested("holmes", "Character") == ["Sherlock Holmes"]
    assert suggested("tea", "Freeform") == ["Tea Parties"]
    assert suggested("parties", "Freeform") == ["Tea Parties"]

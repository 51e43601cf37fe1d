"""Tag pages and AO3's escaping of tag names in URLs."""

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from fanfold.tags.models import Tag, TagType
from fanfold.tags.naming import split_tag_list
from fanfold.tags.urlnames import escape_tag_name, unescape_tag_name
from tests.factories import WorkFactory


@pytest.mark.parametrize(
    ("name", "escaped"),
    [
        ("Sherlock Holmes/John Watson", "Sherlock Holmes*s*John Watson"),
        ("Romeo & Juliet", "Romeo *a* Juliet"),
        ("Dr. Who?", "Dr*d* Who*q*"),
        ("#hashtag", "*h*hashtag"),
    ],
)
def test_tag_names_are_escaped_like_ao3(name, escaped):
    assert escape_tag_name(name) == escaped
    assert unescape_tag_name(escaped) == name


@given(st.text(alphabet=st.characters(blacklist_characters="*"), max_size=50))
def test_escaping_round_trips_for_names_without_asterisks(name):
    assert unescape_tag_name(escape_tag_name(name)) == name


def test_tag_works_page_finds_works_by_a_tag_with_a_slash(author, guest):
    WorkFactory(author=author, title="Tagged", relationships=("Mole/Ratty",))
    WorkFactory(author=author, title="Untagged")
    url = reverse("tags:works", args=["Mole/Ratty"])
    assert url == "/tags/Mole*s*Ratty/works"
    page = guest.get(url).content.decode()
    assert "Tagged" in page and "Untagged" not in page
    assert "1 – 1 of 1 Works in Mole/Ratty" in page


def test_tag_page_says_what_the_tag_is(author, guest):
    WorkFactory(author=author, freeforms=("Slow Burn",))
    page = guest.get(reverse("tags:show", args=["slow burn"])).content.decode()
    assert "Additional Tags category" in page and "not been wrangled yet" in page


def test_fixed_tags_exist_after_migrating(db):
    assert Tag.objects.filter(type=TagType.RATING, canonical=True).count() == 5
    assert Tag.objects.filter(type=TagType.WARNING, canonical=True).count() == 6
    assert Tag.objects.filter(type=TagType.CATEGORY, canonical=True).count() == 6


def test_tag_lists_are_trimmed_and_deduplicated_ignoring_case():
    assert split_tag_list(" Fluff ,fluff,  Angst  with   spaces ,, ") == [
        "Fluff",
        "Angst with spaces",
    ]


def test_unknown_tag_is_404(db, guest):
    assert guest.get(reverse("tags:works", args=["No Such Tag"])).status_code == 404


def test_a_missing_fixed_tag_is_made_again_rather_than_leaving_a_work_unrated(author):
    # Found when a test database lost its migration data: works silently became "Not Rated".
    Tag.objects.filter(name="Teen And Up Audiences").delete()
    work = WorkFactory(author=author, rating="Teen And Up Audiences")
    assert [tag.name for tag in work.ratings] == ["Teen And Up Audiences"]
    assert Tag.objects.get(name="Teen And Up Audiences").canonical


HIDING = {
    "draft": {"posted": False},
    "restricted": {"restricted": True},
    "hidden": {"hidden_by_admin": True},
    "unrevealed": {"unrevealed": True},
}


@pytest.mark.parametrize("kind", sorted(HIDING))
def test_a_tag_only_hidden_works_use_does_not_exist_for_guests(author, guest, kind):
    WorkFactory(author=author, freeforms=("Whispered Secret",), **HIDING[kind])
    assert guest.get(reverse("tags:show", args=["Whispered Secret"])).status_code == 404
    assert guest.get(reverse("tags:works", args=["Whispered Secret"])).status_code == 404
    assert guest.get(reverse("search:tag_feed", args=["Whispered Secret"])).status_code == 404
    assert guest.get(reverse("opds:tag", args=["Whispered Secret"])).status_code == 404
    assert guest.get("/api/v1/tags/Whispered Secret").status_code == 404
    assert guest.get("/api/v1/tags/Whispered Secret/works").status_code == 404
    suggestions = guest.get(reverse("tags:autocomplete"), {"term": "whisp", "type": "Freeform"})
    assert suggestions.json() == {"tags": []}


def test_a_synonym_only_a_draft_uses_is_not_suggested_but_its_canonical_is(author, guest):
    canonical = Tag.objects.create(name="Whispers", type=TagType.FREEFORM, canonical=True)
    WorkFactory(author=author, freeforms=("Whispered Secret",), posted=False)
    Tag.objects.filter(name="Whispered Secret").update(merger=canonical)
    suggestions = guest.get(reverse("tags:autocomplete"), {"term": "whisp", "type": "Freeform"})
    assert suggestions.json() == {"tags": ["Whispers"]}
    # Canonical tags are the archive's vocabulary: shown with no works, as AO3 does.
    page = guest.get(reverse("tags:show", args=["Whispers"])).content.decode()
    assert "Whispers" in page and "Whispered Secret" not in page


def test_suggestions_keep_the_vocabulary_and_the_tags_of_works_the_viewer_may_see(author, guest):
    # One question about three tags at once: a canonical tag no work uses, a tag a posted
    # work uses and one only a draft uses. The ids are far from any tagging's, so a rule that
    # read taggings' own ids instead of their tags' could not pass by coincidence.
    Tag.objects.create(pk=900_001, name="Whispers", type=TagType.FREEFORM, canonical=True)
    Tag.objects.create(pk=900_002, name="Whispered Song", type=TagType.FREEFORM)
    Tag.objects.create(pk=900_003, name="Whispered Secret", type=TagType.FREEFORM)
    WorkFactory(author=author, freeforms=("Whispered Song",))
    WorkFactory(author=author, freeforms=("Whispered Secret",), posted=False)
    suggestions = guest.get(reverse("tags:autocomplete"), {"term": "whisp", "type": "Freeform"})
    assert sorted(suggestions.json()["tags"]) == ["Whispered Song", "Whispers"]


def test_the_tag_exists_for_those_who_may_see_the_work(author, author_client, outsider_client):
    WorkFactory(author=author, freeforms=("Members Lantern",), restricted=True)
    WorkFactory(author=author, freeforms=("Draft Lantern",), posted=False)
    assert outsider_client.get(reverse("tags:show", args=["Members Lantern"])).status_code == 200
    assert outsider_client.get(reverse("tags:show", args=["Draft Lantern"])).status_code == 404
    assert author_client.get(reverse("tags:show", args=["Draft Lantern"])).status_code == 200

"""Muted tags (beyond AO3): works carrying them, their synonyms or sub tags leave every listing."""

from django.urls import reverse

from fanfold.tags.models import MetaTagging, Tag, TagType
from tests.factories import READING_SETTINGS, WorkFactory


def titles(response) -> list[str]:
    return sorted(work.title for work in response.context["page"].object_list)


def test_muted_tags_hide_works_with_a_note_and_a_way_back(author, outsider, outsider_client, guest):
    spiders = Tag.objects.create(name="Spiders", type=TagType.FREEFORM, canonical=True)
    Tag.objects.create(name="arachnids", type=TagType.FREEFORM, merger=spiders)
    big = Tag.objects.create(name="Big Spiders", type=TagType.FREEFORM, canonical=True)
    MetaTagging.objects.create(meta=spiders, sub=big)
    WorkFactory(author=author, title="Plain", freeforms=("Tea",))
    WorkFactory(author=author, title="Synonym", freeforms=("arachnids",))
    WorkFactory(author=author, title="Sub Tag", freeforms=("Big Spiders",))
    outsider_client.post(
        reverse("accounts:preferences", args=["outsider"]),
        {
            "muted": "spiders",
            "keep_history": "on",
            "skin": "light",
            "time_zone": "UTC",
            **READING_SETTINGS,
        },
    )
    assert list(outsider.preference.muted_tags.values_list("name", flat=True)) == ["Spiders"]
    response = outsider_client.get(reverse("works:list"))
    assert titles(response) == ["Plain"]
    assert "2 works hidden by your muted tags." in response.content.decode()
    assert titles(outsider_client.get(reverse("works:list"), {"show_muted": "1"})) == [
        "Plain",
        "Sub Tag",
        "Synonym",
    ]
    assert titles(outsider_client.get(reverse("tags:works", args=["Tea"]))) == ["Plain"]
    assert titles(guest.get(reverse("works:list"))) == [
        "Plain",
        "Sub Tag",
        "Synonym",
    ]  # only the reader's


def test_unknown_muted_tag_is_refused_and_the_input_kept(outsider_client, db):
    response = outsider_client.post(
        reverse("accounts:preferences", args=["outsider"]), {"muted": "No Such Tag"}
    )
    page = response.content.decode()
    assert (
        "There is no tag named &#x27;No Such Tag&#x27;." in page
        and "No Such Tag</textarea>" in page
    )

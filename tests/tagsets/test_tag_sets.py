"""Owned tag sets: owners add tags, users nominate within per-type limits, moderators review."""

import pytest

from fanfold.moderation.models import AuditEntry
from fanfold.tags.models import Tag
from fanfold.tagsets.models import NominationStatus, OwnedTagSet, TagNomination
from fanfold.tagsets.nominating import create_tag_set


@pytest.fixture
def tag_set(author):
    return create_tag_set(
        author.default_pseud,
        title="Tiny Fandoms",
        nominated=True,
        fandom_nomination_limit=2,
        character_nomination_limit=1,
    )


def test_owner_creates_a_set_and_adds_tags_by_type(author_client):
    response = author_client.post(
        "/tag_sets/new",
        {
            "title": "Rare Pairs",
            "visible": "on",
            "usable": "on",
            "fandom_nomination_limit": "0",
            "character_nomination_limit": "0",
            "relationship_nomination_limit": "0",
            "freeform_nomination_limit": "0",
            "fandom_tagnames": "Moth Island (Comics), Paper Boats (Film)",
        },
    )
    tag_set = OwnedTagSet.objects.get(title="Rare Pairs")
    assert response.url == f"/tag_sets/{tag_set.pk}"
    assert sorted(tag_set.tags_of("Fandom").values_list("name", flat=True)) == [
        "Moth Island (Comics)",
        "Paper Boats (Film)",
    ]
    page = author_client.get(f"/tag_sets/{tag_set.pk}").content.decode()
    assert (
        "Moth Island (Comics)" in page
        and "Tag Sets" in author_client.get("/tag_sets").content.decode()
    )


def test_nominations_within_limits_are_kept_and_beyond_them_refused(tag_set, outsider_client):
    url = f"/tag_sets/{tag_set.pk}/nominations/new"
    typed = "Moth Island (Comics), Paper Boats (Film), Lighthouse Keepers (Radio)"
    page = outsider_client.post(url, {"fandom_tagnames": typed}).content.decode()
    assert "You can only nominate 2 fandom tags" in page and typed in page
    assert not TagNomination.objects.exists()
    outsider_client.post(
        url, {"fandom_tagnames": "Moth Island (Comics)", "character_tagnames": "Moss the Moth"}
    )
    assert TagNomination.objects.count() == 2
    page = outsider_client.post(url, {"fandom_tagnames": "moth island (comics)"}).content.decode()
    assert "more than once" in page


def test_closed_nominations_are_refused(tag_set, outsider_client):
    tag_set.nominated = False
    tag_set.save()
    page = outsider_client.post(f"/tag_sets/{tag_set.pk}/nominations/new", {}).content.decode()
    assert "Tiny Fandoms is not currently accepting nominations." in page


def test_approving_adds_the_tag_and_rejecting_does_not(tag_set, outsider_client, author_client):
    outsider_client.post(
        f"/tag_sets/{tag_set.pk}/nominations/new",
        {"fandom_tagnames": "Moth Island (Comics), Paper Boats (Film)"},
    )
    moth, boats = TagNomination.objects.order_by("tagname")
    author_client.post(
        f"/tag_sets/{tag_set.pk}/nominations/review",
        {"nomination": [moth.pk], "decision": "approve"},
    )
    author_client.post(
        f"/tag_sets/{tag_set.pk}/nominations/review",
        {"nomination": [boats.pk], "decision": "reject"},
    )
    assert list(tag_set.tags.values_list("name", flat=True)) == ["Moth Island (Comics)"]
    assert Tag.objects.get(name="Moth Island (Comics)").type == "Fandom"
    assert {n.tagname: n.status for n in TagNomination.objects.all()} == {
        "Moth Island (Comics)": NominationStatus.APPROVED,
        "Paper Boats (Film)": NominationStatus.REJECTED,
    }
    assert AuditEntry.objects.filter(action="nomination approved").count() == 1


def test_outsider_cannot_review_or_edit(tag_set, outsider_client):
    outsider_client.post(
        f"/tag_sets/{tag_set.pk}/nominations/new", {"fandom_tagnames": "Moth Island (Comics)"}
    )
    nomination = TagNomination.objects.get()
    response = outsider_client.post(
        f"/tag_sets/{tag_set.pk}/nominations/review",
        {"nomination": [nomination.pk], "decision": "approve"},
    )
    assert response.status_code == 403
    assert not tag_set.tags.exists()
    assert outsider_client.get(f"/tag_sets/{tag_set.pk}/edit").status_code == 403


def test_unlisted_sets_are_hidden_from_everyone_but_their_roles(
    tag_set, outsider_client, author_client
):
    tag_set.visible = False
    tag_set.save()
    assert outsider_client.get(f"/tag_sets/{tag_set.pk}").status_code == 404
    assert "Tiny Fandoms" not in outsider_client.get("/tag_sets").content.decode()
    assert author_client.get(f"/tag_sets/{tag_set.pk}").status_code == 200

"""Blurbs are cached per version of what they show: every change still shows at once."""

from fanfold.tags.models import Tag
from tests.conftest import signed_in
from tests.factories import UserFactory, WorkFactory


def listing_for(reader) -> str:
    return signed_in(reader).get("/works").content.decode()


def test_a_renamed_tag_and_pseud_show_in_blurbs_at_once(author, outsider):
    WorkFactory(author=author, freeforms=("Harbour Lights",))
    assert "Harbour Lights" in listing_for(outsider)
    Tag.objects.filter(name="Harbour Lights").update(name="Harbour Lamps")
    author.pseuds.update(name="lamplighter")
    listing = listing_for(outsider)
    assert "Harbour Lamps" in listing and "Harbour Lights" not in listing
    assert "lamplighter" in listing


def test_readers_with_different_display_preferences_get_their_own_blurbs(author):
    WorkFactory(author=author, warnings=("Major Character Death",))
    plain, careful = UserFactory(username="plain"), UserFactory(username="careful")
    careful.preference.hide_warnings = True
    careful.preference.save()
    assert "Show warnings" not in listing_for(plain)
    assert "Show warnings" in listing_for(careful)
    assert "Show warnings" not in listing_for(plain)

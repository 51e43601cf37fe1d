"""Tag ids beyond any database integer, and tag names longer than any tag may have, in a filter
are unknown tags, never a server error."""

import pytest
from django.urls import reverse

from fanfold.search.params import ID_FIELDS
from tests.factories import WorkFactory

# 2**63, the example, more digits than int() parses by default, and a superscript
# digit ("²".isdigit() is true, int() refuses it).
ENORMOUS_IDS = ["9223372036854775808", "99999999999999999999", "9" * 5000, "²"]


def listing_urls(work) -> list[str]:
    fandom = work.fandoms[0].name
    return [
        reverse("works:list"),
        reverse("tags:works", args=[fandom]),
        reverse("accounts:user_works", args=["author"]),
        reverse("search:works_feed"),
        reverse("search:tag_feed", args=[fandom]),
    ]


@pytest.fixture
def listed_work(author):
    return WorkFactory(author=author, title="Harbour Lights Ledger")


@pytest.mark.parametrize("field", sorted(ID_FIELDS))
def test_excluding_an_enormous_tag_id_keeps_every_work(guest, listed_work, field):
    for url in listing_urls(listed_work):
        for enormous in ENORMOUS_IDS:
            response = guest.get(url, {f"exclude_work_search[{field}][]": enormous})
            assert response.status_code == 200, (url, enormous)
            assert "Harbour Lights Ledger" in response.content.decode(), (url, enormous)


@pytest.mark.parametrize("field", sorted(ID_FIELDS))
def test_including_an_enormous_tag_id_matches_no_work(guest, listed_work, field):
    for url in listing_urls(listed_work):
        for enormous in ENORMOUS_IDS:
            response = guest.get(url, {f"include_work_search[{field}][]": enormous})
            assert response.status_code == 200, (url, enormous)
            assert "Harbour Lights Ledger" not in response.content.decode(), (url, enormous)


@pytest.mark.parametrize("words", ENORMOUS_IDS)
def test_an_enormous_or_odd_word_count_is_ignored_with_a_message(guest, listed_work, words):
    response = guest.get(reverse("works:list"), {"work_search[words_from]": words})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Words from must be a whole number" in page
    assert "Harbour Lights Ledger" in page


@pytest.mark.parametrize("field", ["fandom_ids", "rating_ids"])
def test_a_tag_name_longer_than_any_tag_matches_no_work(guest, listed_work, field):
    # SQLite refuses a LIKE pattern of more than 50,000 bytes, and a case-blind name match is one.
    for url in listing_urls(listed_work):
        response = guest.get(url, {f"include_work_search[{field}][]": "x" * 100_000})
        assert response.status_code == 200, url
        assert "Harbour Lights Ledger" not in response.content.decode(), url


def test_a_named_tag_longer_than_any_tag_is_left_out_with_a_message(guest, listed_work):
    response = guest.get(reverse("works:list"), {"work_search[fandom_names]": "y" * 200})
    assert response.status_code == 200
    page = response.content.decode()
    assert "longer than 150 characters" in page
    assert "Harbour Lights Ledger" in page


@pytest.mark.parametrize("enormous", ENORMOUS_IDS[:2])
def test_a_work_id_beyond_any_database_integer_is_not_found(guest, listed_work, enormous):
    # Django checks `pk=` against the integer range but not `id__in`, which SQLite then
    # refuses with OverflowError: the work page, its download and the API once answered 500.
    for url in [
        f"/works/{enormous}",
        f"/works/{enormous}/chapters/1",
        f"/downloads/{enormous}/Harbour.html",
        f"/api/v1/works/{enormous}",
    ]:
        assert guest.get(url).status_code == 404, url

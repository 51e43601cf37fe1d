"""The works filter through HTTP: AO3's parameter names, facets, errors, freshness."""

import time

import pytest
from django.urls import reverse

from fanfold.search.registry import current_index
from fanfold.tags.models import Tag, TagType
from tests.factories import WorkFactory

WORKS = reverse("works:list")


@pytest.fixture
def shelf(author):
    return {
        "fluffy": WorkFactory(
            author=author,
            title="Fluffy One",
            freeforms=("Fluff",),
            rating="General Audiences",
            body="<p>" + "w " * 50 + "</p>",
        ),
        "angsty": WorkFactory(
            author=author,
            title="Angsty Two",
            freeforms=("Angst",),
            rating="Teen And Up Audiences",
            body="<p>short</p>",
        ),
        "both": WorkFactory(
            author=author,
            title="Both Three",
            freeforms=("Fluff", "Angst"),
            rating="Teen And Up Audiences",
            fandoms=("Test Fandom", "Other Fandom"),
        ),
    }


def titles(response) -> list[str]:
    return [work.title for work in response.context["page"].object_list]


def tag_id(name: str) -> int:
    return Tag.objects.get(name=name).pk


def test_pasted_ao3_filter_url_filters(guest, shelf):
    query = (
        f"?include_work_search[freeform_ids][]={tag_id('Fluff')}"
        f"&exclude_work_search[freeform_ids][]={tag_id('Angst')}"
        "&work_search[sort_column]=word_count&work_search[sort_direction]=desc"
    )
    assert titles(guest.get(WORKS + query)) == ["Fluffy One"]


def test_tag_names_work_where_ids_do(guest, shelf):
    response = guest.get(
        WORKS, {"work_search[other_tag_names]": "fluff", "work_search[excluded_tag_names]": "Angst"}
    )
    assert titles(response) == ["Fluffy One"]


def test_ratings_are_either_or(guest, shelf):
    ratings = [tag_id("General Audiences"), tag_id("Teen And Up Audiences")]
    response = guest.get(WORKS, {"include_work_search[rating_ids][]": ratings})
    assert response.context["page"].paginator.count == 3


def test_crossover_and_word_filters(guest, shelf):
    assert titles(guest.get(WORKS, {"work_search[crossover]": "T"})) == ["Both Three"]
    long_only = guest.get(WORKS, {"work_search[words_from]": "40"})
    assert titles(long_only) == ["Fluffy One"]


def test_exact_total_and_facet_counts_are_shown(guest, shelf):
    page = guest.get(WORKS).content.decode()
    assert "1 – 3 of 3 Works" in page
    flat = " ".join(page.split())
    assert f'value="{tag_id("Fluff")}"> Fluff <span class="count">(2)</span>' in flat


def test_filter_on_a_tag_page_keeps_the_tag(guest, shelf):
    url = reverse("tags:works", args=["Fluff"])
    assert sorted(titles(guest.get(url))) == ["Both Three", "Fluffy One"]
    assert titles(guest.get(url, {"work_search[excluded_tag_names]": "Angst"})) == ["Fluffy One"]


def test_unknown_tag_matches_nothing_and_bad_numbers_are_explained(guest, shelf):
    assert titles(guest.get(WORKS, {"work_search[other_tag_names]": "No Such Tag"})) == []
    page = guest.get(WORKS, {"work_search[words_from]": "lots"}).content.decode()
    assert "Words from must be a whole number; “lots” was ignored." in page
    assert "1 – 3 of 3 Works" in page


def test_search_within_results_matches_title_words(guest, shelf):
    assert titles(guest.get(WORKS, {"work_search[query]": "angsty"})) == ["Angsty Two"]


def test_pagination_keeps_the_filter(guest, author, settings):
    settings.WORKS_PER_PAGE = 2
    for number in range(5):
        WorkFactory(author=author, title=f"Paged {number}", freeforms=("Paged",))
    WorkFactory(author=author, title="Not paged")
    response = guest.get(WORKS, {"work_search[other_tag_names]": "Paged", "page": "2"})
    page = response.content.decode()
    assert "3 – 4 of 5 Works" in page
    assert "work_search%5Bother_tag_names%5D=Paged&amp;page=3" in page
    assert guest.get(WORKS, {"page": "99"}).context["page"].number == 3  # past the end: last page


def test_a_creators_works_page_has_the_filter(guest, author, outsider, shelf):
    WorkFactory(author=outsider, title="Not Theirs", freeforms=("Fluff",))
    url = reverse("accounts:user_works", args=[author.username])
    assert sorted(titles(guest.get(url, {"work_search[other_tag_names]": "Fluff"}))) == [
        "Both Three",
        "Fluffy One",
    ]


def test_synonyms_and_meta_tags_filter_as_their_canonical(guest, author):
    fluff = Tag.objects.create(name="Fluff", type=TagType.FREEFORM, canonical=True)
    Tag.objects.create(name="fluffy fluff", type=TagType.FREEFORM, merger=fluff)
    WorkFactory(author=author, title="Tagged With Synonym", freeforms=("fluffy fluff",))
    assert titles(guest.get(reverse("tags:works", args=["Fluff"]))) == ["Tagged With Synonym"]
    assert titles(guest.get(reverse("tags:works", args=["fluffy fluff"]))) == [
        "Tagged With Synonym"
    ]


def test_a_new_work_is_in_the_filter_on_the_next_request(guest, author):
    guest.get(WORKS)  # builds this process's index
    WorkFactory(author=author, title="Brand New")
    assert titles(guest.get(WORKS)) == ["Brand New"]


def test_a_process_sees_a_change_within_its_poll_interval(author, settings):
    settings.FILTER_INDEX_POLL_SECONDS = 0.5
    index = current_index()
    work = WorkFactory(author=author, title="Seen Soon")
    time.sleep(0.6)
    assert current_index().doc_of_work.get(work.pk) is not None
    assert index is current_index()  # caught up in place, no rebuild


def test_deleted_and_unposted_works_leave_the_index(author_client, author, guest):
    work = WorkFactory(author=author, title="Short Lived")
    assert titles(guest.get(WORKS)) == ["Short Lived"]
    author_client.post(reverse("works:delete", args=[work.pk]))
    assert titles(guest.get(WORKS)) == []


def test_each_change_is_applied_once_though_the_log_is_read_with_overlap(author, monkeypatch):
    from fanfold.search import registry

    current_index()
    applied = []
    original = registry.apply_changes
    monkeypatch.setattr(
        registry,
        "apply_changes",
        lambda index, ids: applied.append(set(ids)) or original(index, ids),
    )
    work = WorkFactory(author=author)
    current_index()
    current_index()
    assert applied == [{work.pk}]

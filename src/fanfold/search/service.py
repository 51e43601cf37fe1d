"""The works filter every listing uses: filter_works(criteria, viewer) -> one page of works."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import cast

from django.conf import settings
from django.core.paginator import Page, Paginator

from fanfold.search.audience import audience_for
from fanfold.search.criteria import Criteria
from fanfold.search.registry import current_index
from fanfold.tags.models import Tag
from fanfold.works.listing import with_details
from fanfold.works.models import Work
from fanfold.works.visibility import Viewer


class _ResultSequence:
    """What Paginator needs: the total for its arithmetic, the works of the one page asked for."""

    def __init__(self, total: int, works: list[Work], offset: int) -> None:
        self.total, self.works, self.offset = total, works, offset

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, window: slice) -> list[Work]:
        assert window.start == self.offset, "only the page that was searched can be shown"
        return self.works


@dataclass
class FilteredWorks:
    page: Page
    facets: dict[str, list[tuple[Tag, int]]] = field(default_factory=dict)


def filter_works(
    criteria: Criteria, viewer: Viewer, page_number: str | int | None, facets: bool = True
) -> FilteredWorks:
    per_page = settings.WORKS_PER_PAGE
    index = current_index()
    audience = audience_for(viewer)
    number = _page_number(page_number)
    result = index.search(criteria, audience, (number - 1) * per_page, per_page, facets)
    last_page = max(1, -(-result.total // per_page))
    if number > last_page:  # past the end: show the last page, as Django's get_page does
        number = last_page
        result = index.search(criteria, audience, (number - 1) * per_page, per_page, facets)
    works = _works_in_order(result.work_ids)
    sequence = _ResultSequence(result.total, works, (number - 1) * per_page)
    page = Paginator(cast(Sequence[Work], sequence), per_page).page(number)
    return FilteredWorks(page=page, facets=_facet_tags(result.facets))


def count_works(tag: Tag, viewer: Viewer) -> int:
    return tag_work_counts([tag], viewer)[tag.pk]


def tag_work_counts(tags: list[Tag], viewer: Viewer) -> dict[int, int]:
    """Works each tag finds (as its canonical filter tag), counting only what the viewer sees."""
    counts = current_index().tag_counts([tag.filter_tag.pk for tag in tags], audience_for(viewer))
    return {tag.pk: counts[tag.filter_tag.pk] for tag in tags}


def _page_number(raw: str | int | None) -> int:
    try:
        return max(1, int(raw or 1))
    except ValueError:
        return 1


def _works_in_order(work_ids: list[int]) -> list[Work]:
    works = with_details(Work.objects.filter(id__in=work_ids)).in_bulk()
    return [works[work_id] for work_id in work_ids if work_id in works]


def _facet_tags(facets: dict[str, list[tuple[int, int]]]) -> dict[str, list[tuple[Tag, int]]]:
    tags = Tag.objects.in_bulk([tag_id for counts in facets.values() for tag_id, _ in counts])
    return {
        tag_type: [(tags[tag_id], count) for tag_id, count in counts if tag_id in tags]
        for tag_type, counts in facets.items()
    }

"""Tag search (AO3's /tags/search): names by words and wildcards, type, fandom, canonical."""

from dataclasses import dataclass, field

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import F, QuerySet
from django.db.models.functions import Lower
from django.http import HttpRequest

from fanfold.lib.pagination import paginate
from fanfold.search.query import QueryError, parse_query
from fanfold.search.registry import current_index
from fanfold.search.service import tag_work_counts
from fanfold.tags.models import Tag, TagParent, TagType

MAX_MATCHING_TAGS = 20_000  # beyond this a name is too broad to list usefully
SORTS = {"name": "Name", "created_at": "Date Created", "uses": "Uses"}


@dataclass
class TagQuery:
    name: str = ""  # AO3's query language over tag names: words, "phrases", wildcards, OR, -
    tag_type: str = ""
    fandoms: str = ""  # comma-separated: tags belonging to one of these fandoms
    canonical: str = ""  # "T", "F" or "" (either)
    sort: str = "name"
    descending: bool = False


@dataclass
class TagResults:
    tags: QuerySet[Tag] = field(default_factory=Tag.objects.none)
    errors: list[str] = field(default_factory=list)


def find_tags(asked: TagQuery) -> TagResults:
    found = TagResults()
    tags = Tag.objects.exclude(type=TagType.MEDIA)
    try:
        node = parse_query(asked.name)
    except QueryError as error:
        found.errors.append(f"Name: {error}")
        return found
    if node is not None:
        ids = current_index().text.tags_matching(node)
        if len(ids) > MAX_MATCHING_TAGS:
            found.errors.append(
                f"More than {MAX_MATCHING_TAGS:,} tags match “{asked.name}”: add words to narrow it."
            )
            return found
        tags = tags.filter(id__in=sorted(ids))
    if asked.tag_type in TagType.values:
        tags = tags.filter(type=asked.tag_type)
    if asked.canonical in ("T", "F"):
        tags = tags.filter(canonical=asked.canonical == "T")
    fandom_names = [name.strip() for name in asked.fandoms.split(",") if name.strip()]
    if fandom_names:
        parents = Tag.objects.filter(name__in=fandom_names, type=TagType.FANDOM)
        tags = tags.filter(id__in=TagParent.objects.filter(parent__in=parents).values("child_id"))
    if asked.sort == "created_at":
        order = F("created_at").asc() if not asked.descending else F("created_at").desc()
    else:
        order = Lower("name").desc() if asked.descending else Lower("name").asc()
    found.tags = tags.select_related("merger").order_by(order, "id")
    return found


def tags_with_uses(
    request: HttpRequest, tags: QuerySet[Tag], asked: TagQuery
) -> tuple[Page, dict[int, int]]:
    """One page of tags and how many works each finds for this viewer (the sort "uses" counts
    every matching tag first, so the order is exact)."""
    if asked.sort != "uses":
        page = paginate(request, tags)
        return page, tag_work_counts(list(page.object_list), request.user)
    every = list(tags[:MAX_MATCHING_TAGS])
    uses = tag_work_counts(every, request.user)
    every.sort(
        key=lambda tag: (-uses[tag.pk], tag.pk) if not asked.descending else (uses[tag.pk], tag.pk)
    )
    page = Paginator(every, settings.WORKS_PER_PAGE).get_page(request.GET.get("page"))
    return page, uses

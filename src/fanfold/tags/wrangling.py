"""What tag wranglers do: canonical tags, synonyms, parents and meta tags, many at a time.

Each action checks its rule and saves in one transaction; the saves themselves announce the
change (tags.changes), and the filter index re-derives the affected works' filter tags in
batches after the commit, so a big fandom never locks the site.
"""

from django.db import transaction

from fanfold.tags.models import USER_DEFINED_TYPES, MetaTagging, Tag, TagParent, TagType

# A tag of the key type may have parents of these types (AO3's common taggings).
PARENT_TYPES: dict[str, set[str]] = {
    TagType.FANDOM: {TagType.MEDIA},
    TagType.CHARACTER: {TagType.FANDOM},
    TagType.RELATIONSHIP: {TagType.FANDOM, TagType.CHARACTER},
    TagType.FREEFORM: {TagType.FANDOM},
}


class WranglingError(Exception):
    """A wrangling change that breaks a rule, with a sentence for the wrangler."""


def _wranglable(tags: list[Tag]) -> None:
    fixed = [tag.name for tag in tags if tag.type not in USER_DEFINED_TYPES]
    if fixed:
        raise WranglingError(f"Ratings, warnings and categories are fixed: {', '.join(fixed)}.")


def make_canonical(tags: list[Tag]) -> None:
    _wranglable(tags)
    with transaction.atomic():
        for tag in tags:
            tag.canonical, tag.merger = True, None
            tag.save(update_fields=["canonical", "merger"])


def make_synonyms(tags: list[Tag], canonical: Tag) -> None:
    """The tags filter as `canonical` from now on; their own synonyms move with them."""
    _wranglable(tags)
    if not canonical.canonical:
        raise WranglingError(f"“{canonical.name}” is not canonical; make it canonical first.")
    for tag in tags:
        if tag.type != canonical.type:
            raise WranglingError(
                f"“{tag.name}” is a {tag.get_type_display()} tag and “{canonical.name}” a "
                f"{canonical.get_type_display()} tag; a synonym must be of the same type."
            )
        if tag.pk == canonical.pk:
            raise WranglingError(f"“{tag.name}” cannot be a synonym of itself.")
    with transaction.atomic():
        for tag in tags:
            Tag.objects.filter(merger=tag).update(merger=canonical)
            tag.canonical, tag.merger = False, canonical
            tag.save(update_fields=["canonical", "merger"])


def add_parent(tags: list[Tag], parent: Tag) -> None:
    """Character or relationship -> fandom, fandom -> media: where the tag is browsed."""
    _wranglable(tags)
    for tag in tags:
        if parent.type not in PARENT_TYPES.get(tag.type, ()):
            raise WranglingError(
                f"A {tag.get_type_display()} tag cannot have a "
                f"{parent.get_type_display()} tag as its parent."
            )
    if not parent.canonical:
        raise WranglingError(f"“{parent.name}” is not canonical; only canonical tags are parents.")
    with transaction.atomic():
        for tag in tags:
            TagParent.objects.get_or_create(child=tag, parent=parent)


def remove_parent(tag: Tag, parent: Tag) -> None:
    TagParent.objects.filter(child=tag, parent=parent).delete()


def add_meta_tag(tags: list[Tag], meta: Tag) -> None:
    """Filtering on `meta` will also find works tagged with each of `tags` (transitively)."""
    _wranglable(tags)
    for tag in tags:
        if tag.type != meta.type:
            raise WranglingError(f"A meta tag must be of the same type as “{tag.name}”.")
        if not (tag.canonical and meta.canonical):
            raise WranglingError("Meta and sub tags must both be canonical.")
        if tag.pk == meta.pk or meta.pk in _subs_below(tag.pk):
            raise WranglingError(f"“{meta.name}” is already below “{tag.name}”; that would loop.")
    with transaction.atomic():
        for tag in tags:
            MetaTagging.objects.get_or_create(meta=meta, sub=tag)


def remove_meta_tag(tag: Tag, meta: Tag) -> None:
    MetaTagging.objects.filter(meta=meta, sub=tag).delete()


def _subs_below(tag_id: int) -> set[int]:
    found: set[int] = set()
    frontier = {tag_id}
    while frontier:
        frontier = (
            set(MetaTagging.objects.filter(meta_id__in=frontier).values_list("sub_id", flat=True))
            - found
        )
        found |= frontier
    return found

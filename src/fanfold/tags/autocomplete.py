"""Tag suggestions for the posting form: prefix matches, fandom-aware, index-backed."""

from django.db import connection
from django.db.models import Case, IntegerField, Q, Value, When
from django.db.models.functions import Lower

from fanfold.tags.models import USER_DEFINED_TYPES, Tag

LIMIT = 15


def _prefix(term: str) -> Q:
    """A prefix test the database can answer from an index on lower(name).

    PostgreSQL: LIKE on a text_pattern_ops index (migration 0006). SQLite: a range on its
    expression index, which compares in binary order so the range holds exactly the prefix.
    """
    lowered = term.lower()
    if connection.vendor == "postgresql":
        return Q(lowered_name__startswith=lowered)
    return Q(lowered_name__gte=lowered, lowered_name__lt=lowered + "\U0010ffff")


def suggest_tags(term: str, tag_type: str, fandoms: list[str]) -> list[Tag]:
    """Canonical tags and synonyms starting with `term`, one per name, the fandoms' first."""
    term = " ".join(term.split())
    if len(term) < 1 or tag_type not in USER_DEFINED_TYPES:
        return []
    tags = (
        Tag.objects.annotate(lowered_name=Lower("name"))
        .filter(_prefix(term), type=tag_type)
        .filter(Q(canonical=True) | Q(merger__isnull=False))
    )
    if fandoms:
        in_fandoms = Q(parent_links__parent__name__in=fandoms) | Q(
            merger__parent_links__parent__name__in=fandoms
        )
        tags = tags.annotate(
            outside=Case(
                When(in_fandoms, then=Value(0)), default=Value(1), output_field=IntegerField()
            )
        ).order_by("outside", "lowered_name")
    else:
        tags = tags.order_by("lowered_name")
    found: dict[str, Tag] = {}
    for tag in tags.only("id", "name", "type", "canonical")[: LIMIT * 2]:
        found.setdefault(tag.name, tag)
    return list(found.values())[:LIMIT]

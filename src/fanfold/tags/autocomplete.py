"""Tag suggestions for the posting form: word-prefix matches, fandom-aware.

Which suggestions a viewer may learn is decided by works.visibility.tags_known_to (the view
asks it): an unwrangled tag only hidden works use is never suggested.
"""

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


def _rank(condition: Q) -> Case:
    return Case(When(condition, then=Value(0)), default=Value(1), output_field=IntegerField())


def suggest_tags(term: str, tag_type: str, fandoms: list[str]) -> list[Tag]:
    """Tags whose name, or a word inside it, starts with `term` ("holmes" finds "Sherlock
    Holmes"), one per name: the named fandoms' first, then whole-name matches."""
    term = " ".join(term.split())
    if len(term) < 1 or tag_type not in USER_DEFINED_TYPES:
        return []
    whole_name = _prefix(term)
    tags = Tag.objects.annotate(lowered_name=Lower("name")).filter(
        whole_name | Q(lowered_name__contains=" " + term.lower()), type=tag_type
    )
    ranks = [_rank(whole_name)]
    if fandoms:
        in_fandoms = Q(parent_links__parent__name__in=fandoms) | Q(
            merger__parent_links__parent__name__in=fandoms
        )
        ranks.insert(0, _rank(in_fandoms))
    found: dict[str, Tag] = {}
    for tag in tags.order_by(*ranks, "lowered_name").only("id", "name", "type", "canonical")[
        : LIMIT * 2
    ]:
        found.setdefault(tag.name, tag)
    return list(found.values())[:LIMIT]

"""Turning what creators type into tags: splitting, checking and finding-or-creating."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _

from fanfold.tags.models import FIXED_TAGS, MAX_TAG_NAME_LENGTH, Tag, TagType

# AO3's limit on fandom, relationship, character and additional tags per work.
MAX_USER_DEFINED_TAGS = 75


def clean_tag_name(name: str) -> str:
    """Trims and folds inner white space; refuses names no tag may have."""
    name = " ".join(name.split())
    if not name:
        raise ValidationError(_("A tag name cannot be empty."))
    if len(name) > MAX_TAG_NAME_LENGTH:
        raise ValidationError(
            f"The tag “{name[:40]}…” is longer than {MAX_TAG_NAME_LENGTH} characters."
        )
    if "," in name:
        raise ValidationError(_("The tag “%(name)s” cannot contain a comma.") % {"name": name})
    return name


def split_tag_list(text: str) -> list[str]:
    """Comma-separated names to distinct clean names, in the order typed."""
    seen: dict[str, str] = {}
    for part in text.split(","):
        if part.strip():
            name = clean_tag_name(part)
            seen.setdefault(name.lower(), name)
    return list(seen.values())


def find_or_create_tags(tag_type: str, names: Iterable[str]) -> list[Tag]:
    """Existing tags of that type (case-insensitively), new unwrangled ones for the rest."""
    names = list(names)
    if not names:
        return []
    matches = Q()
    for name in names:
        matches |= Q(name__iexact=name)
    existing = {tag.name.lower(): tag for tag in Tag.objects.filter(matches, type=tag_type)}
    tags = []
    for name in names:
        tag = existing.get(name.lower())
        if tag is None:
            tag, _ = Tag.objects.get_or_create(
                name=name, type=tag_type, defaults={"canonical": False}
            )
        tags.append(tag)
    return tags


def fixed_tags(tag_type: TagType, names: Iterable[str]) -> list[Tag]:
    """The canonical rating, warning or category tags with these names.

    They come from a data migration; one that has gone missing is made again rather than
    letting a work lose its rating (which would show it as adult content).
    """
    allowed = [name for name in names if name in FIXED_TAGS[tag_type]]
    found = {tag.name: tag for tag in Tag.objects.filter(type=tag_type, name__in=allowed)}
    for name in set(allowed) - set(found):
        found[name], _ = Tag.objects.get_or_create(
            type=tag_type, name=name, defaults={"canonical": True}
        )
    return [found[name] for name in allowed]

"""The one policy for who may see which works and chapters; every surface asks here."""

import enum
from collections.abc import Iterable

from django.contrib.auth.models import AnonymousUser
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from fanfold.accounts.models import User
from fanfold.tags.models import USER_DEFINED_TYPES, Tag
from fanfold.works.models import Chapter, Creatorship, Tagging, Work

Viewer = User | AnonymousUser


class Access(enum.Enum):
    VISIBLE = "visible"
    LOGIN_REQUIRED = "login required"  # restricted work, guest viewer
    MYSTERY = "mystery"  # unrevealed work: a title-less placeholder until it is revealed
    NOT_FOUND = "not found"  # drafts and hidden works look like nothing at all


# Posted works out of everyone's sight but their creators' and admins': hidden or unrevealed.
OUT_OF_SIGHT = Q(hidden_by_admin=True) | Q(unrevealed=True)


def is_admin(viewer: Viewer) -> bool:
    return bool(viewer.is_authenticated and viewer.is_superuser)


def is_creator(viewer: Viewer, work: Work) -> bool:
    if not viewer.is_authenticated or work.pk is None:
        return False
    if "creatorships" in getattr(work, "_prefetched_objects_cache", {}):
        # A work page asks this several times; its creators are already loaded (with_details).
        return any(credit.pseud.user_id == viewer.pk for credit in work.creatorships.all())
    return Creatorship.objects.filter(work=work, pseud__user=viewer).exists()


def _created_by(viewer: User) -> Exists:
    return Exists(Creatorship.objects.filter(work=OuterRef("pk"), pseud__user=viewer))


def visible_works_for(viewer: Viewer) -> QuerySet[Work]:
    """Posted works the viewer may see in any listing, count or feed."""
    posted = Work.objects.filter(posted=True)
    if is_admin(viewer):
        return posted
    if not viewer.is_authenticated:
        return posted.filter(restricted=False).exclude(OUT_OF_SIGHT)
    return posted.filter(~OUT_OF_SIGHT | _created_by(viewer))


def mystery_works_for(viewer: Viewer) -> QuerySet[Work]:
    """Unrevealed works the viewer may know exist but not read: AO3's "Mystery Work" blurbs."""
    unrevealed = Work.objects.filter(posted=True, unrevealed=True, hidden_by_admin=False)
    return unrevealed.exclude(pk__in=visible_works_for(viewer).values("pk"))


def tags_known_to(viewer: Viewer, tags: Iterable[Tag]) -> set[int]:
    """The tags whose names the viewer may learn (docs/decisions.md, "Tag names").

    Fixed and canonical tags are the archive's own vocabulary and always exist, as on AO3;
    any other tag exists only through a work the viewer may see or created.
    """
    tags = list(tags)
    known = {tag.pk for tag in tags if tag.canonical or tag.type not in USER_DEFINED_TYPES}
    unsure = [tag.pk for tag in tags if tag.pk not in known]
    if unsure:
        seen = Q(work__in=visible_works_for(viewer))
        if viewer.is_authenticated:
            seen |= Q(work__in=Work.objects.filter(_created_by(viewer)))
        used = Tagging.objects.filter(seen, tag_id__in=unsure)
        known |= set(used.values_list("tag_id", flat=True).distinct())
    return known


def tag_named_for(viewer: Viewer, name: str) -> Tag | None:
    """The tag of this name (the oldest, like AO3: names are unique per type), if the viewer
    may know of it."""
    tag = Tag.objects.oldest_named(name)
    return tag if tag is not None and tags_known_to(viewer, [tag]) else None


def known_tag_or_404(viewer: Viewer, name: str) -> Tag:
    """A tag only hidden works use does not exist for a viewer who cannot see them."""
    tag = tag_named_for(viewer, name)
    if tag is None:
        raise Http404("No such tag.")
    return tag


def sees_anonymous_credit(viewer: Viewer, creator: User) -> bool:
    """Only the creator and admins may connect the creator to their anonymous works."""
    return is_admin(viewer) or (viewer.is_authenticated and viewer.pk == creator.pk)


def credited_to(viewer: Viewer, works: QuerySet[Work], creator: User) -> QuerySet[Work]:
    """Works listed under a creator's name: anonymous ones only for that creator and admins."""
    return works if sees_anonymous_credit(viewer, creator) else works.filter(anonymous=False)


def drafts_of(user: User) -> QuerySet[Work]:
    return Work.objects.filter(posted=False).filter(_created_by(user))


def work_access(viewer: Viewer, work: Work) -> Access:
    """Whether the viewer may open this work's pages, and if not, what to tell them."""
    if is_creator(viewer, work):
        return Access.VISIBLE
    if not work.posted:
        return Access.NOT_FOUND
    if is_admin(viewer):
        return Access.VISIBLE
    if work.hidden_by_admin:
        # Moderators follow their own links to what they hid; nobody else finds it.
        return Access.VISIBLE if viewer.has_perm("moderation.moderate") else Access.NOT_FOUND
    if work.restricted and not viewer.is_authenticated:
        return Access.LOGIN_REQUIRED
    if work.unrevealed:
        return Access.MYSTERY
    return Access.VISIBLE


def visible_chapters(viewer: Viewer, work: Work) -> QuerySet[Chapter]:
    """Creators also see their unposted chapters; everyone else the posted ones."""
    chapters = work.chapters.order_by("position", "id").prefetch_related("co_creators__user")
    return chapters if is_creator(viewer, work) else chapters.filter(posted=True)


def can_edit_work(viewer: Viewer, work: Work) -> bool:
    return is_creator(viewer, work)


def own_works_out_of_sight(viewer: User) -> frozenset[int]:
    """Posted works hidden from everyone else that this viewer created, and so still sees."""
    # From the viewer's own credits: asked from every posted work, it scanned them all on each
    # signed-in listing (11 ms at 20,000 works, growing with the archive).
    credits = Creatorship.objects.filter(pseud__user=viewer, work__posted=True).filter(
        Q(work__hidden_by_admin=True) | Q(work__unrevealed=True)
    )
    return frozenset(credits.values_list("work_id", flat=True).order_by())

"""What a signed-in reader has to do with one work (shelf, subscription, bookmark, a creator's
block), read in one query for the work page instead of one query each."""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Subquery

from fanfold.accounts.models import Block
from fanfold.feedback.models import Bookmark, Reading, Subscription
from fanfold.works.models import Work
from fanfold.works.visibility import Viewer


@dataclass(frozen=True)
class WorkRelations:
    work_id: int
    shelf: str = ""
    subscription_id: int | None = None
    bookmark_id: int | None = None
    blocked: bool = False  # a creator of the work has blocked the reader


def work_relations(viewer: Viewer, work: Work) -> WorkRelations:
    if not viewer.is_authenticated:
        return WorkRelations(work.pk)
    this_work = OuterRef("pk")
    reading = Reading.objects.filter(user=viewer, work=this_work).values("shelf")[:1]
    subscription = Subscription.objects.filter(user=viewer, work=this_work).values("pk")[:1]
    bookmark = Bookmark.objects.filter(user=viewer, work=this_work).values("pk")[:1]
    blocks = Block.objects.filter(blocked=viewer, blocker__pseuds__creatorships__work=this_work)
    shelf, subscription_id, bookmark_id, blocked = (
        Work.objects.filter(pk=work.pk)
        .annotate(
            viewer_shelf=Subquery(reading),
            viewer_subscription=Subquery(subscription),
            viewer_bookmark=Subquery(bookmark),
            viewer_blocked=Exists(blocks),
        )
        .values_list("viewer_shelf", "viewer_subscription", "viewer_bookmark", "viewer_blocked")
        .get()
    )
    return WorkRelations(work.pk, shelf or "", subscription_id, bookmark_id, blocked)

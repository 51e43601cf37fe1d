"""The token holder's own reading: shelves (Marked for Later is "want"), history and subscriptions."""

from django.http import HttpRequest
from ninja import Query, Router

from fanfold.api.auth import TOKEN_ONLY, require_scope
from fanfold.api.endpoints import REFUSALS
from fanfold.api.endpoints.works import FILTER_EXTRA
from fanfold.api.errors import ApiError
from fanfold.api.listing import WorkFilter, cursor_page, list_works
from fanfold.api.present import reading_out, subscription_out, work_out
from fanfold.api.schemas import HistoryPage, SubscriptionOut, WorkListOut
from fanfold.downloads.service import available_formats
from fanfold.feedback.bookmarks import flush_reader, history, shelved
from fanfold.feedback.models import Shelf
from fanfold.works.listing import with_details
from fanfold.works.models import Work
from fanfold.works.visibility import visible_works_for

router = Router(tags=["reader"], auth=TOKEN_ONLY)


@router.get(
    "/me/shelves/{shelf}", response={200: WorkListOut, **REFUSALS}, openapi_extra=FILTER_EXTRA
)
def shelf(request: HttpRequest, shelf: str, filters: Query[WorkFilter]):
    """The works on one shelf: want (Marked for Later), reading, finished or dnf."""
    token = require_scope(request, "read")
    if shelf not in Shelf.values:
        raise ApiError(404, f"There is no shelf “{shelf}”; shelves are {', '.join(Shelf.values)}.")
    flush_reader(token.user.pk)
    ids = frozenset(shelved(token.user, shelf).values_list("work_id", flat=True))
    return list_works(request, token.user, within_work_ids=ids)


@router.get("/me/history", response={200: HistoryPage, **REFUSALS})
def reading_history(request: HttpRequest, cursor: str | None = None):
    """Works the token holder read, most recent first (only works they may still see)."""
    token = require_scope(request, "read")
    flush_reader(token.user.pk)
    readings = history(token.user).filter(work__in=visible_works_for(token.user))
    items, total, following = cursor_page(readings, cursor)
    works = with_details(Work.objects.filter(pk__in=[r.work_id for r in items])).in_bulk()
    formats = available_formats()
    return {
        "total": total,
        "readings": [reading_out(r, work_out(works[r.work_id], formats)) for r in items],
        "next_cursor": following,
    }


@router.get("/me/subscriptions", response={200: list[SubscriptionOut], **REFUSALS})
def subscriptions(request: HttpRequest):
    token = require_scope(request, "read")
    items = token.user.subscriptions.select_related("work", "series", "creator").order_by("id")
    return [subscription_out(subscription) for subscription in items]

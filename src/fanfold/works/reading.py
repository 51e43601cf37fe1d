"""What a reader gets when opening a work: access, the adult-content check, chapter choice."""

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from fanfold.lib.errors import LoginRequired
from fanfold.works.listing import works_with_details
from fanfold.works.models import Chapter, Work
from fanfold.works.visibility import Access, is_creator, visible_chapters, work_access


class Mystery(Http404):
    """An unrevealed work: everywhere but its own page it is not there at all."""


RESTRICTED_MESSAGE = "This work is only available to registered users of the Archive."
ADULT_SESSION_KEY = "view_adult"


def readable_work(request: HttpRequest, work_id: int) -> Work:
    """The work if this viewer may read it; 404 for drafts and hidden works, sign-in for guests.

    Unrevealed works raise Mystery: only the work page answers it, with a placeholder.
    """
    work_id = int(work_id)  # some paths pass the digits of a regex group
    work = works_with_details([work_id]).get(work_id)
    if work is None:
        raise Http404("No such work.")
    access = work_access(request.user, work)
    if access is Access.NOT_FOUND:
        raise Http404("No such work.")
    if access is Access.MYSTERY:
        raise Mystery(work.pk)
    if access is Access.LOGIN_REQUIRED:
        raise LoginRequired(RESTRICTED_MESSAGE)
    return work


def needs_adult_check(request: HttpRequest, work: Work) -> bool:
    """AO3's interstitial: Mature, Explicit and Not Rated works ask once per session."""
    if not work.is_adult or is_creator(request.user, work):
        return False
    if request.GET.get("view_adult") == "true":
        request.session[ADULT_SESSION_KEY] = True
    if request.session.get(ADULT_SESSION_KEY):
        return False
    user = request.user
    return not (user.is_authenticated and user.preference.show_adult_content)


def wants_full_work(request: HttpRequest) -> bool:
    choice = request.GET.get("view_full_work")
    if choice is not None:
        return choice == "true"
    user = request.user
    return bool(user.is_authenticated and user.preference.view_full_works)


def chapter_of(request: HttpRequest, work: Work, chapter_id: int) -> Chapter:
    return get_object_or_404(visible_chapters(request.user, work), pk=chapter_id)

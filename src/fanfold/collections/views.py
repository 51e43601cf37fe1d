"""Collection pages in AO3's shapes: index, dashboard, profile, works, bookmarks, participants,
the maintainers' item queue, and adding works to collections."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from fanfold.accounts.http import AuthenticatedRequest, own_account
from fanfold.collections import items as item_actions
from fanfold.collections import membership, reveal
from fanfold.collections.editing import delete_collection as delete_it
from fanfold.collections.editing import save_collection
from fanfold.collections.forms import AddToCollectionForm, CollectionForm, ParticipantForm
from fanfold.collections.listing import (
    ITEM_TABS,
    approved_work_ids,
    bookmarks_by_work,
    collections_matching,
    mystery_items,
    queue,
    user_items,
    with_child_counts,
)
from fanfold.collections.membership import CollectionRefused
from fanfold.collections.models import MAINTAINER_ROLES, Collection, CollectionItem, Role
from fanfold.lib.pagination import paginate
from fanfold.search.listing import render_filtered_works
from fanfold.works.listing import works_for_listing
from fanfold.works.models import Work
from fanfold.works.visibility import can_edit_work, visible_works_for

RECENT_WORKS = 5
FILTER_FLAGS = (
    ("closed", "Closed"),
    ("moderated", "Moderated"),
    ("unrevealed", "Unrevealed"),
    ("anonymous", "Anonymous"),
    ("top_level", "Top-level collections only"),
)


def _collection(name: str) -> Collection:
    return get_object_or_404(Collection.objects.select_related("parent"), name__iexact=name)


def _maintained(request: HttpRequest, name: str) -> Collection:
    collection = _collection(name)
    if not membership.is_maintainer(request.user, collection):
        raise PermissionDenied("Only the collection's maintainers can do that.")
    return collection


def _context(request: HttpRequest, collection: Collection, **extra) -> dict:
    return {
        "collection": collection,
        "is_maintainer": membership.is_maintainer(request.user, collection),
        "is_owner": membership.is_owner(request.user, collection),
        **extra,
    }


def collection_index(request: HttpRequest) -> HttpResponse:
    found = collections_matching(request.GET)
    page = paginate(request, with_child_counts(found))
    flags = [
        (flag, label, request.GET.get(f"collection_filters[{flag}]", ""))
        for flag, label in FILTER_FLAGS
    ]
    context = {
        "page": page,
        "flag_filters": flags,
        "title_filter": request.GET.get("collection_filters[title]", ""),
    }
    return render(request, "collections/index.html", context)


@login_required
def new_collection(request: AuthenticatedRequest) -> HttpResponse:
    form = CollectionForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        collection = form.save(commit=False)
        collection.parent = form.cleaned_data["parent_name"]
        try:
            membership.create_collection(collection, request.user.default_pseud)
        except CollectionRefused as refused:
            form.add_error("parent_name", str(refused))
        else:
            messages.success(request, _("Collection was successfully created."))
            return redirect(collection)
    return render(request, "collections/form.html", {"form": form})


@login_required
def edit_collection(request: AuthenticatedRequest, name: str) -> HttpResponse:
    collection = _maintained(request, name)
    form = CollectionForm(request.POST or None, request.FILES or None, instance=collection)
    if request.method == "POST" and form.is_valid():
        edited = form.save(commit=False)
        edited.parent = form.cleaned_data["parent_name"]
        try:
            save_collection(edited, request.user)
        except CollectionRefused as refused:
            form.add_error("parent_name", str(refused))
        else:
            messages.success(request, _("Collection was successfully updated."))
            return redirect(edited)
    return render(request, "collections/form.html", _context(request, collection, form=form))


@login_required
def delete_collection(request: AuthenticatedRequest, name: str) -> HttpResponse:
    collection = _collection(name)
    if not membership.is_owner(request.user, collection):
        raise PermissionDenied("Only the collection's owners can delete it.")
    if request.method == "POST":
        delete_it(collection, request.user)
        messages.success(request, _("Collection was successfully deleted."))
        return redirect("collections:index")
    return render(request, "collections/confirm_delete.html", _context(request, collection))


def show_collection(request: HttpRequest, name: str) -> HttpResponse:
    collection = _collection(name)
    works = visible_works_for(request.user).filter(pk__in=approved_work_ids(collection))
    recent = works_for_listing(works.order_by("-revised_at", "-id"))[:RECENT_WORKS]
    context = _context(
        request,
        collection,
        recent_works=recent,
        work_count=works.count(),
        subcollections=collection.children.all(),
    )
    return render(request, "collections/show.html", context)


def profile(request: HttpRequest, name: str) -> HttpResponse:
    collection = _collection(name)
    context = _context(
        request,
        collection,
        owners=membership.participants_in(collection, (Role.OWNER,)),
        moderators=membership.participants_in(collection, (Role.MODERATOR,)),
    )
    return render(request, "collections/profile.html", context)


def collection_works(request: HttpRequest, name: str) -> HttpResponse:
    collection = _collection(name)
    work_ids = visible_works_for(request.user).filter(pk__in=approved_work_ids(collection))
    mysteries = paginate(request, mystery_items(collection, request.user), per_page=20)
    return render_filtered_works(
        request,
        heading=collection.title,
        within_work_ids=frozenset(work_ids.values_list("pk", flat=True)),
        template="collections/works.html",
        collection=collection,
        mysteries=mysteries,
    )


def collection_bookmarks(request: HttpRequest, name: str) -> HttpResponse:
    collection = _collection(name)
    by_work = bookmarks_by_work(collection, request.user)

    def attach(works: list[Work]) -> None:
        for work in works:
            work.bookmark = by_work.get(work.pk)  # type: ignore[attr-defined]

    return render_filtered_works(
        request,
        heading=collection.title,
        within_work_ids=frozenset(by_work),
        decorate=attach,
        bookmark_filters=True,
        collection=collection,
        template="collections/works.html",
    )


def subcollections(request: HttpRequest, name: str) -> HttpResponse:
    collection = _collection(name)
    page = paginate(request, with_child_counts(collection.children.all()))
    return render(
        request, "collections/subcollections.html", _context(request, collection, page=page)
    )


def participants(request: HttpRequest, name: str) -> HttpResponse:
    collection = _collection(name)
    form = ParticipantForm(request.POST or None)
    user = request.user
    if request.method == "POST" and not user.is_authenticated:
        raise PermissionDenied("Only the collection's owners can change its participants.")
    if request.method == "POST" and user.is_authenticated and form.is_valid():
        try:
            membership.set_role(
                user, collection, form.cleaned_data["pseud"], form.cleaned_data["role"]
            )
        except CollectionRefused as refused:
            raise PermissionDenied(str(refused)) from None
        messages.success(request, _("Participant was successfully updated."))
        return redirect("collections:participants", collection.name)
    listed = collection.participants.select_related("pseud__user").order_by("role", "pseud__name")
    context = _context(request, collection, page=paginate(request, listed, per_page=50), form=form)
    return render(request, "collections/participants.html", context)


@login_required
@require_POST
def remove_participant(
    request: AuthenticatedRequest, name: str, participant_id: int
) -> HttpResponse:
    collection = _collection(name)
    participant = get_object_or_404(collection.participants, pk=participant_id)
    try:
        membership.remove_participant(request.user, participant)
    except CollectionRefused as refused:
        messages.error(request, str(refused))
    return redirect("collections:participants", collection.name)


@login_required
@require_POST
def join(request: AuthenticatedRequest, name: str) -> HttpResponse:
    collection = _collection(name)
    try:
        membership.join(collection, request.user.default_pseud)
    except CollectionRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(
            request, _("You are now a member of %(title)s.") % {"title": collection.title}
        )
    return redirect(collection)


@login_required
def collection_items(request: AuthenticatedRequest, name: str) -> HttpResponse:
    collection = _maintained(request, name)
    tab = request.GET.get("status", "unreviewed")
    if tab not in ITEM_TABS:
        tab = "unreviewed"
    page = paginate(request, queue(collection, tab), per_page=50)
    context = _context(request, collection, page=page, tab=tab, tabs=ITEM_TABS)
    return render(request, "collections/items.html", context)


@login_required
@require_POST
def review_item(request: AuthenticatedRequest, item_id: int) -> HttpResponse:
    """Approve or reject, from the maintainers' queue or the creator's items page."""
    item = get_object_or_404(CollectionItem.objects.select_related("collection"), pk=item_id)
    approve = request.POST.get("decision") == "approve"
    try:
        if request.POST.get("side") == "collection":
            item_actions.review_as_collection(item, request.user, approve)
        else:
            item_actions.review_as_creator(item, request.user, approve)
    except CollectionRefused as refused:
        raise PermissionDenied(str(refused)) from None
    messages.success(
        request, _("Item was successfully approved.") if approve else _("Item rejected.")
    )
    return redirect(request.POST.get("next") or item.collection)


@login_required
@require_POST
def remove_item(request: AuthenticatedRequest, item_id: int) -> HttpResponse:
    item = get_object_or_404(CollectionItem.objects.select_related("collection"), pk=item_id)
    try:
        item_actions.remove_item(item, request.user)
    except CollectionRefused as refused:
        raise PermissionDenied(str(refused)) from None
    messages.success(request, _("Item was removed from the collection."))
    return redirect(request.POST.get("next") or item.collection)


@login_required
@require_POST
def reveal_items(request: AuthenticatedRequest, name: str, what: str) -> HttpResponse:
    collection = _maintained(request, name)
    if what == "works":
        count = reveal.reveal_works(collection, request.user)
        messages.success(
            request,
            ngettext("%(count)s work was revealed.", "%(count)s works were revealed.", count)
            % {"count": count},
        )
    else:
        count = reveal.reveal_creators(collection, request.user)
        messages.success(
            request,
            ngettext(
                "The creator of %(count)s work was revealed.",
                "The creators of %(count)s works were revealed.",
                count,
            )
            % {"count": count},
        )
    return redirect(collection)


@login_required
def add_work(request: AuthenticatedRequest, work_id: int) -> HttpResponse:
    """/works/<id>/collection_items/new: its creator adds it, or a maintainer invites it."""
    work = get_object_or_404(visible_works_for(request.user).filter(posted=True), pk=work_id)
    form = AddToCollectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        added = []
        for collection in form.cleaned_data["collection_names"]:
            try:
                added.append(item_actions.add_work(collection, work, request.user))
            except CollectionRefused as refused:
                form.add_error("collection_names", str(refused))
        if not form.errors:
            messages.success(request, _added_message(added))
            return redirect(work)
    context = {"form": form, "work": work, "is_creator": can_edit_work(request.user, work)}
    return render(request, "collections/add_work.html", context)


def _added_message(added: list[CollectionItem]) -> str:
    waiting = [item.collection.title for item in added if not item.approved]
    if waiting:
        return f"Added; waiting for approval in {', '.join(waiting)}."
    return "Added to collection(s)."


@login_required
def user_collection_items(request: AuthenticatedRequest, login_name: str) -> HttpResponse:
    """/users/<name>/collection_items: the creator's side of every item, invitations first."""
    user = own_account(request, login_name, "You can only manage your own collection items.")
    tab = request.GET.get("status", "unreviewed")
    if tab not in ITEM_TABS:
        tab = "unreviewed"
    page = paginate(request, user_items(user, tab), per_page=50)
    context = {"profile_user": user, "page": page, "tab": tab, "tabs": ITEM_TABS}
    return render(request, "collections/user_items.html", context)


def user_collections(request: HttpRequest, login_name: str) -> HttpResponse:
    """/users/<name>/collections: the collections a user maintains or belongs to."""
    joined = Collection.objects.filter(
        Q(participants__pseud__user__username__iexact=login_name)
        & ~Q(participants__role=Role.INVITED)
    ).distinct()
    page = paginate(request, with_child_counts(joined))
    return render(
        request,
        "collections/index.html",
        {"page": page, "heading": f"Collections of {login_name}", "roles": MAINTAINER_ROLES},
    )

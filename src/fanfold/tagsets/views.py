"""Tag set pages in AO3's shapes: /tag_sets, /tag_sets/<id>, /tag_sets/<id>/nominations."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from fanfold.accounts.http import AuthenticatedRequest
from fanfold.lib.pagination import paginate
from fanfold.tags.models import TagType
from fanfold.tagsets.forms import TAG_SET_TYPES, NominationForm, TagSetForm
from fanfold.tagsets.models import NominationStatus, OwnedTagSet, TagNomination, TagSetRole
from fanfold.tagsets.nominating import (
    NominationError,
    NotAModerator,
    add_tags,
    create_tag_set,
    nominate,
    review,
)


def _visible_to(request: HttpRequest):
    if request.user.is_authenticated:
        return OwnedTagSet.objects.filter(
            Q(visible=True) | Q(roles__pseud__user=request.user)
        ).distinct()
    return OwnedTagSet.objects.filter(visible=True)


def _tag_set(request: HttpRequest, tag_set_id: int) -> OwnedTagSet:
    tag_set = _visible_to(request).filter(pk=tag_set_id).first()
    if tag_set is None:
        raise Http404("No such tag set.")
    return tag_set


def tag_set_index(request: HttpRequest) -> HttpResponse:
    page = paginate(request, _visible_to(request), per_page=20)
    return render(request, "tagsets/index.html", {"page": page})


def show_tag_set(request: HttpRequest, tag_set_id: int) -> HttpResponse:
    tag_set = _tag_set(request, tag_set_id)
    groups = [(TagType(t).label, tag_set.tags_of(t)) for t in TAG_SET_TYPES]
    roles = tag_set.roles.select_related("pseud__user")
    context = {
        "tag_set": tag_set,
        "groups": [(label, tags) for label, tags in groups if tags],
        "owners": [role.pseud for role in roles if role.owner],
        "moderators": [role.pseud for role in roles if not role.owner],
        "is_owner": tag_set.is_owner(request.user),
        "is_moderator": tag_set.is_moderator(request.user),
    }
    return render(request, "tagsets/show.html", context)


@login_required
def new_tag_set(request: AuthenticatedRequest) -> HttpResponse:
    form = TagSetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in TagSetForm.Meta.fields}
        tag_set = create_tag_set(request.user.default_pseud, **fields)
        _apply_extras(tag_set, form)
        messages.success(request, _("Tag set was successfully created."))
        return redirect(tag_set)
    return render(request, "tagsets/form.html", {"form": form})


@login_required
def edit_tag_set(request: AuthenticatedRequest, tag_set_id: int) -> HttpResponse:
    tag_set = _tag_set(request, tag_set_id)
    if not tag_set.is_owner(request.user):
        raise PermissionDenied("Only the tag set's owners can change it.")
    form = TagSetForm(request.POST or None, instance=tag_set)
    if request.method == "POST" and form.is_valid():
        form.save()
        _apply_extras(tag_set, form)
        messages.success(request, _("Tag set was successfully updated."))
        return redirect(tag_set)
    return render(request, "tagsets/form.html", {"form": form, "tag_set": tag_set})


def _apply_extras(tag_set: OwnedTagSet, form: TagSetForm) -> None:
    for tag_type, names in form.tags_to_add().items():
        if names:
            add_tags(tag_set, tag_type, names)
    moderator = form.cleaned_data.get("moderator")
    if moderator:
        TagSetRole.objects.get_or_create(
            tag_set=tag_set, pseud=moderator, defaults={"owner": False}
        )


def nominations(request: HttpRequest, tag_set_id: int) -> HttpResponse:
    """Moderators review every nomination here; a nominator sees their own."""
    tag_set = _tag_set(request, tag_set_id)
    moderator = tag_set.is_moderator(request.user)
    found = tag_set.nominations.select_related("pseud")
    if not moderator:
        if not request.user.is_authenticated:
            raise PermissionDenied("Log in to see your nominations.")
        found = found.filter(pseud__user=request.user)
    status = request.GET.get("status", NominationStatus.UNREVIEWED if moderator else "")
    if status in NominationStatus.values:
        found = found.filter(status=status)
    else:
        status = ""
    page = paginate(request, found, per_page=50)
    context = {
        "tag_set": tag_set,
        "page": page,
        "is_moderator": moderator,
        "status": status,
        "statuses": NominationStatus.choices,
    }
    return render(request, "tagsets/nominations.html", context)


@login_required
def new_nomination(request: AuthenticatedRequest, tag_set_id: int) -> HttpResponse:
    tag_set = _tag_set(request, tag_set_id)
    form = NominationForm(tag_set, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            nominate(tag_set, request.user.default_pseud, form.names_by_type())
        except NominationError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Your nominations were successfully submitted."))
            return redirect("tagsets:nominations", tag_set.pk)
    closed = (
        ""
        if tag_set.nominated
        else _("%(tag_set)s is not currently accepting nominations.") % {"tag_set": tag_set.title}
    )
    return render(
        request, "tagsets/nominate.html", {"tag_set": tag_set, "form": form, "closed": closed}
    )


@login_required
@require_POST
def review_nominations(request: AuthenticatedRequest, tag_set_id: int) -> HttpResponse:
    tag_set = _tag_set(request, tag_set_id)
    chosen = TagNomination.objects.filter(
        tag_set=tag_set, pk__in=request.POST.getlist("nomination")
    )
    approve = request.POST.get("decision") == "approve"
    try:
        count = review(request.user, tag_set, chosen, approve=approve)
    except NotAModerator as refused:
        raise PermissionDenied(str(refused)) from refused
    if approve:
        done = ngettext("%(count)s nomination approved.", "%(count)s nominations approved.", count)
    else:
        done = ngettext("%(count)s nomination rejected.", "%(count)s nominations rejected.", count)
    messages.success(request, done % {"count": count})
    return redirect("tagsets:nominations", tag_set.pk)

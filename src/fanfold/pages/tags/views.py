"""Tag pages, the works of a tag, and the wrangling pages."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.db.models import Count, Exists, OuterRef, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from fanfold.caching.pages import cached_for_guests
from fanfold.lib.pagination import paginate
from fanfold.search.listing import render_filtered_works
from fanfold.search.service import count_works, tag_work_counts
from fanfold.tags import wrangling
from fanfold.tags.autocomplete import suggest_tags
from fanfold.tags.forms import BulkWranglingForm, TagEditForm, WranglingFilterForm
from fanfold.tags.models import Tag, TagType
from fanfold.works.models import Tagging
from fanfold.works.visibility import known_tag_or_404, tags_known_to

wrangler_only = permission_required("tags.wrangle_tag", raise_exception=True)


@cached_for_guests(uses_filter_index=True)
def show_tag(request: HttpRequest, name: str) -> HttpResponse:
    tag = known_tag_or_404(request.user, name)
    synonyms = list(tag.synonyms.order_by("name"))
    children = list(tag.children.order_by("type", "name")[:200])
    known = tags_known_to(request.user, synonyms + children)
    context = {
        "tag": tag,
        "work_count": count_works(tag, request.user),
        "synonyms": [synonym for synonym in synonyms if synonym.pk in known],
        "parents": tag.parents.order_by("type", "name"),
        "children": [child for child in children if child.pk in known],
        "metas": Tag.objects.filter(sub_links__sub=tag).order_by("name"),
        "subs": Tag.objects.filter(meta_links__meta=tag).order_by("name"),
        "can_wrangle": request.user.has_perm("tags.wrangle_tag"),
    }
    return render(request, "tags/show.html", context)


@cached_for_guests(rate_limit="search", uses_filter_index=True)
def tag_works(request: HttpRequest, name: str) -> HttpResponse:
    tag = known_tag_or_404(request.user, name)
    return render_filtered_works(request, heading=tag.name, base_tag=tag)


def _wrangling_queryset(form: WranglingFilterForm) -> QuerySet[Tag]:
    tags = Tag.objects.filter(
        type__in=[
            t.value
            for t in (TagType.FANDOM, TagType.RELATIONSHIP, TagType.CHARACTER, TagType.FREEFORM)
        ]
    )
    if not form.is_valid():
        return tags.filter(canonical=False, merger__isnull=True)
    data = form.cleaned_data
    if data["type"]:
        tags = tags.filter(type=data["type"])
    status = data["status"] or "unwrangled"
    if status == "unwrangled":
        tags = tags.filter(canonical=False, merger__isnull=True)
    elif status == "canonical":
        tags = tags.filter(canonical=True)
    elif status == "synonym":
        tags = tags.filter(merger__isnull=False)
    if data["name"]:
        tags = tags.filter(name__istartswith=data["name"].strip())
    if data["fandom"]:
        in_fandom = Tagging.objects.filter(
            tag=OuterRef("pk"), work__taggings__tag__name__iexact=data["fandom"].strip()
        )
        tags = tags.filter(Exists(in_fandom))
    return tags.select_related("merger").order_by("type", "name")


@login_required
@wrangler_only
def wrangle(request: HttpRequest) -> HttpResponse:
    filters = WranglingFilterForm(request.GET or {"status": "unwrangled"})
    page = paginate(request, _wrangling_queryset(filters), per_page=50)
    _count_uses(page.object_list)
    form = BulkWranglingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            _apply_bulk(form.cleaned_data)
        except wrangling.WranglingError as error:
            form.add_error(None, str(error))
        else:
            count = len(form.cleaned_data["tags"])
            messages.success(
                request,
                f"{count} tag{'s' if count != 1 else ''} wrangled. Their works are being re-filtered in the background.",
            )
            return redirect(request.get_full_path())
    return render(request, "tags/wrangle.html", {"filters": filters, "page": page, "form": form})


def _count_uses(tags) -> None:
    """How many works carry each tag of the page: one grouped query for the 50 shown."""
    uses = dict(Tagging.objects.filter(tag__in=tags).values_list("tag").annotate(n=Count("id")))
    for tag in tags:
        tag.uses = uses.get(tag.pk, 0)


def _apply_bulk(data: dict) -> None:
    tags, action = list(data["tags"]), data["action"]
    if action == "canonical":
        wrangling.make_canonical(tags)
    elif action == "synonym":
        wrangling.make_synonyms(tags, data["target_tag"])
    elif action == "parent":
        wrangling.add_parent(tags, data["target_tag"])
    else:
        wrangling.add_meta_tag(tags, data["target_tag"])


@login_required
@wrangler_only
def edit_tag(request: HttpRequest, name: str) -> HttpResponse:
    tag = Tag.objects.oldest_named(name)
    if tag is None:  # wranglers edit any tag, even one only drafts use
        raise Http404("No such tag.")
    form = TagEditForm(request.POST or None, initial={"canonical": tag.canonical})
    if request.method == "POST" and form.is_valid():
        try:
            _apply_edit(tag, form.cleaned_data, request.POST)
        except wrangling.WranglingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Tag was updated."))
            return redirect("tags:edit", tag.name)
    context = {
        "tag": tag,
        "form": form,
        "parents": tag.parents.order_by("name"),
        "metas": Tag.objects.filter(sub_links__sub=tag).order_by("name"),
    }
    return render(request, "tags/edit.html", context)


def _apply_edit(tag: Tag, data: dict, post) -> None:
    if data["canonical"] and not tag.canonical:
        wrangling.make_canonical([tag])
    if "synonym_of_tag" in data:
        wrangling.make_synonyms([tag], data["synonym_of_tag"])
    if "add_parent_tag" in data:
        wrangling.add_parent([tag], data["add_parent_tag"])
    if "add_meta_tag" in data:
        wrangling.add_meta_tag([tag], data["add_meta_tag"])
    for parent in Tag.objects.filter(pk__in=post.getlist("remove_parent")):
        wrangling.remove_parent(tag, parent)
    for meta in Tag.objects.filter(pk__in=post.getlist("remove_meta")):
        wrangling.remove_meta_tag(tag, meta)


def media_index(request: HttpRequest) -> HttpResponse:
    media = list(Tag.objects.filter(type=TagType.MEDIA).order_by("name"))
    return render(request, "tags/media.html", {"media": media})


def media_fandoms(request: HttpRequest, name: str) -> HttpResponse:
    """AO3's A–Z fandom index of one media, with the works each fandom has."""
    media = get_object_or_404(Tag, type=TagType.MEDIA, name__iexact=name)
    canonical = Tag.objects.filter(type=TagType.FANDOM, canonical=True)
    if media.name == "Uncategorized Fandoms":
        canonical = canonical.exclude(parent_links__parent__type=TagType.MEDIA)
    else:
        canonical = canonical.filter(parent_links__parent=media)
    fandoms = list(canonical.order_by("name"))
    counts = tag_work_counts(fandoms, request.user)
    letters: dict[str, list[tuple[Tag, int]]] = {}
    for fandom in fandoms:
        letter = fandom.name[:1].upper() if fandom.name[:1].isalpha() else "#"
        letters.setdefault(letter, []).append((fandom, counts[fandom.pk]))
    return render(request, "tags/media_fandoms.html", {"media": media, "letters": letters})


def autocomplete(request: HttpRequest) -> JsonResponse:
    """Word-prefix matches the viewer may know of (tags_known_to); the named fandoms' first."""
    term = request.GET.get("term", "")
    tag_type = request.GET.get("type", "")
    fandoms = [name.strip() for name in request.GET.get("fandoms", "").split(",") if name.strip()]
    suggested = suggest_tags(term, tag_type, fandoms)
    known = tags_known_to(request.user, suggested)
    return JsonResponse({"tags": [tag.name for tag in suggested if tag.pk in known]})

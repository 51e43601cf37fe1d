"""Tag pages: what a tag is, and the works tagged with it."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from fanfold.lib.pagination import paginate
from fanfold.tags.models import Tag
from fanfold.works.listing import works_for_listing
from fanfold.works.visibility import visible_works_for


def _tag_named(name: str) -> Tag:
    # Names are unique per type, not globally; the oldest tag of that name wins, like AO3.
    return get_object_or_404(Tag.objects.filter(name__iexact=name).order_by("id")[:1])


def show_tag(request: HttpRequest, name: str) -> HttpResponse:
    return render(request, "tags/show.html", {"tag": _tag_named(name)})


def tag_works(request: HttpRequest, name: str) -> HttpResponse:
    tag = _tag_named(name)
    works = visible_works_for(request.user).filter(taggings__tag=tag)
    page = paginate(request, works_for_listing(works))
    return render(request, "works/list.html", {"page": page, "heading": tag.name, "tag": tag})

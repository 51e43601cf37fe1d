"""Tag pages: what a tag is, and the works tagged with it."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from fanfold.search.listing import render_filtered_works
from fanfold.tags.models import Tag


def _tag_named(name: str) -> Tag:
    # Names are unique per type, not globally; the oldest tag of that name wins, like AO3.
    return get_object_or_404(Tag.objects.filter(name__iexact=name).order_by("id")[:1])


def show_tag(request: HttpRequest, name: str) -> HttpResponse:
    return render(request, "tags/show.html", {"tag": _tag_named(name)})


def tag_works(request: HttpRequest, name: str) -> HttpResponse:
    tag = _tag_named(name)
    return render_filtered_works(request, heading=tag.name, base_tag=tag)

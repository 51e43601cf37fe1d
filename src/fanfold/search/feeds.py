"""Atom feeds of any works filter: the same query string, the newest matches first."""

from dataclasses import replace

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest
from django.utils.feedgenerator import Atom1Feed

from fanfold.search.params import parse_filter
from fanfold.search.service import filter_works
from fanfold.works.models import Work
from fanfold.works.preface import preface_links
from fanfold.works.visibility import tag_named_for


class FilteredWorksFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request: HttpRequest, name: str | None = None) -> dict:
        tag = tag_named_for(request.user, name) if name else None
        if name and tag is None:
            raise Http404("No such tag.")
        parsed = parse_filter(request.GET, base_tag=tag)
        # A feed is about what is new: always the most recently updated first.
        criteria = replace(parsed.criteria, sort="revised_at", descending=True)
        works = filter_works(criteria, request.user, 1, facets=False).page.object_list
        return {"tag": tag, "works": list(works), "query": request.GET.urlencode()}

    def title(self, state: dict) -> str:
        subject = state["tag"].name if state["tag"] else "Works"
        return f"{subject} | {settings.ARCHIVE_NAME}"

    def link(self, state: dict) -> str:
        base = state["tag"].works_url if state["tag"] else "/works"
        return f"{base}?{state['query']}" if state["query"] else base

    def subtitle(self, state: dict) -> str:
        return "The most recently updated works matching this filter."

    def items(self, state: dict) -> list[Work]:
        return state["works"]

    def item_title(self, work: Work) -> str:
        return work.title

    def item_description(self, work: Work) -> str:
        return work.summary

    def item_author_name(self, work: Work) -> str:
        if work.anonymous:
            return "Anonymous"
        return ", ".join(pseud.name for pseud in work.creator_pseuds) or "Anonymous"

    def item_updateddate(self, work: Work):
        return work.revised_at

    def item_categories(self, work: Work) -> list[str]:
        # Tags, then the collections the work is in (as AO3 lists them in the work's meta).
        collections = [link.text for link in preface_links(work).get("collections", [])]
        return [tagging.tag.name for tagging in work.taggings.all()] + collections

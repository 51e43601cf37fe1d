"""OPDS 1.2 documents (Atom with the OPDS namespace), written with lxml so they are always well formed."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import iri_to_uri
from django.utils.html import strip_tags
from lxml import etree
from lxml.builder import ElementMaker

from fanfold.downloads.naming import file_stem
from fanfold.works.models import Work

ATOM = "http://www.w3.org/2005/Atom"
OPDS = "http://opds-spec.org/2010/catalog"
DC = "http://purl.org/dc/terms/"
OPENSEARCH = "http://a9.com/-/spec/opensearch/1.1/"
NAVIGATION = "application/atom+xml;profile=opds-catalog;kind=navigation"
ACQUISITION = "application/atom+xml;profile=opds-catalog;kind=acquisition"
OPENSEARCH_TYPE = "application/opensearchdescription+xml"
# Media types of each download format (OPDS requires a type on every acquisition link).
MEDIA_TYPES = {
    "epub": "application/epub+zip",
    "pdf": "application/pdf",
    "html": "text/html",
    "azw3": "application/x-mobi8-ebook",
    "mobi": "application/x-mobipocket-ebook",
}

A = ElementMaker(namespace=ATOM, nsmap={None: ATOM, "opds": OPDS, "dc": DC})
D = ElementMaker(namespace=DC)


@dataclass
class Link:
    rel: str
    href: str
    type: str
    title: str = ""
    facet_group: str = ""
    active: bool = False


@dataclass
class NavigationEntry:
    title: str
    href: str
    summary: str
    rel: str = "subsection"
    kind: str = NAVIGATION


def absolute(path: str) -> str:
    # Paths may come from request.path, already decoded ("Coast Tales"): links must be URIs again.
    return settings.SITE_URL + iri_to_uri(path)


def _stamp(moment: datetime.datetime | datetime.date | None) -> str:
    if moment is None:
        return timezone.now().isoformat(timespec="seconds")
    if not isinstance(moment, datetime.datetime):
        moment = datetime.datetime.combine(moment, datetime.time(), tzinfo=datetime.UTC)
    return moment.isoformat(timespec="seconds")


def _link(link: Link) -> etree._Element:
    attributes = {"rel": link.rel, "href": absolute(link.href), "type": link.type}
    if link.title:
        attributes["title"] = link.title
    if link.facet_group:
        attributes[f"{{{OPDS}}}facetGroup"] = link.facet_group
    if link.active:
        attributes[f"{{{OPDS}}}activeFacet"] = "true"
    return A.link(**attributes)


def _feed(feed_id: str, title: str, self_link: Link, links: list[Link]) -> etree._Element:
    root = [
        Link("start", reverse("opds:root"), NAVIGATION, "Fanfold"),
        Link("search", reverse("opds:opensearch"), OPENSEARCH_TYPE, "Search works"),
    ]
    return A.feed(
        A.id(f"urn:fanfold:opds:{feed_id}"),
        A.title(title),
        A.updated(_stamp(None)),
        A.author(A.name("Fanfold"), A.uri(absolute("/"))),
        _link(self_link),
        *[_link(link) for link in root + links],
    )


def navigation_feed(feed_id: str, title: str, path: str, entries: list[NavigationEntry],
                    links: list[Link] | None = None) -> bytes:  # fmt: skip
    feed = _feed(feed_id, title, Link("self", path, NAVIGATION), links or [])
    for entry in entries:
        feed.append(
            A.entry(
                A.title(entry.title),
                A.id(f"urn:fanfold:opds:{feed_id}:{entry.href}"),
                A.updated(_stamp(None)),
                A.content(entry.summary, type="text"),
                _link(Link(entry.rel, entry.href, entry.kind, entry.title)),
            )
        )
    return _serialise(feed)


def acquisition_feed(feed_id: str, title: str, path: str, works: list[Work], formats: list[str],
                     links: list[Link]) -> bytes:  # fmt: skip
    feed = _feed(feed_id, title, Link("self", path, ACQUISITION), links)
    for work in works:
        feed.append(work_entry(work, formats))
    return _serialise(feed)


def work_entry(work: Work, formats: list[str]) -> etree._Element:
    names = [] if work.anonymous else [pseud.name for pseud in work.creator_pseuds]
    stem = file_stem(work.title, f"Work_{work.pk}")
    return A.entry(
        A.title(work.title),
        A.id(f"urn:fanfold:work:{work.pk}"),
        A.updated(_stamp(work.revised_at or work.updated_on)),
        *[A.author(A.name(name)) for name in names or ["Anonymous"]],
        A.published(_stamp(work.published_on)),
        D.language(work.language),
        A.summary(strip_tags(work.summary), type="text"),
        *[
            A.category(term=tag.name, label=tag.name, scheme=absolute(f"/tags#{tag.type}"))
            for tagging in work.taggings.all()
            for tag in [tagging.tag]
        ],
        _link(Link("alternate", work.get_absolute_url(), "text/html", "Read online")),
        *[
            _link(
                Link(
                    "http://opds-spec.org/acquisition/open-access",
                    reverse("downloads:work", args=[work.pk, stem, extension]),
                    MEDIA_TYPES[extension],
                    extension.upper(),
                )
            )
            for extension in formats
        ],
    )


def opensearch_description() -> bytes:
    search_maker = ElementMaker(namespace=OPENSEARCH, nsmap={None: OPENSEARCH})
    template = absolute(reverse("opds:search")) + "?work_search[query]={searchTerms}"
    document = search_maker.OpenSearchDescription(
        search_maker.ShortName("Fanfold"),
        search_maker.Description("Search the works of this archive"),
        search_maker.InputEncoding("UTF-8"),
        search_maker.OutputEncoding("UTF-8"),
        search_maker.Url(type=ACQUISITION, template=template),
    )
    return _serialise(document)


def _serialise(document: etree._Element) -> bytes:
    return etree.tostring(document, xml_declaration=True, encoding="UTF-8", pretty_print=True)

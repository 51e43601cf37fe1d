"""Sitemaps for search engines: what a guest may read, through the one visibility policy."""

from django.contrib.auth.models import AnonymousUser
from django.contrib.sitemaps import Sitemap

from fanfold.series.models import Series
from fanfold.works.visibility import visible_works_for


def _public_works():
    return visible_works_for(AnonymousUser())


class WorkSitemap(Sitemap):
    changefreq = "weekly"
    limit = 10_000

    def items(self):
        return _public_works().only("id", "revised_at").order_by("id")

    def lastmod(self, work):
        return work.revised_at


class SeriesSitemap(Sitemap):
    changefreq = "weekly"
    limit = 10_000

    def items(self):
        # A series appears once a guest may read at least one of its works.
        listed = Series.objects.filter(memberships__work__in=_public_works())
        return listed.distinct().only("id", "modified_at").order_by("id")

    def lastmod(self, series):
        return series.modified_at


SITEMAPS = {"works": WorkSitemap, "series": SeriesSitemap}

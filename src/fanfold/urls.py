"""The archive's URL map; paths follow AO3's where readers already know them."""

from django.contrib import admin
from django.urls import include, path, re_path, register_converter

from fanfold.api.api import api
from fanfold.archive.views import collapse_slashes
from fanfold.tags.urlnames import TagNameConverter

# Tag names in paths use AO3's escaping (tags.urlnames) wherever they appear.
register_converter(TagNameConverter, "tagname")

urlpatterns = [
    path("", include("fanfold.archive.urls")),
    path("", include("fanfold.pages.accounts.urls")),
    path("", include("fanfold.pages.imports.urls")),
    path("", include("fanfold.pages.feedback.urls")),
    path("", include("fanfold.pages.works.urls")),
    path("", include("fanfold.search.urls")),
    path("", include("fanfold.downloads.urls")),
    path("", include("fanfold.pages.tags.urls")),
    path("", include("fanfold.pages.series.urls")),
    path("", include("fanfold.moderation.urls")),
    path("", include("fanfold.collections.urls")),
    path("", include("fanfold.gifts.urls")),
    path("", include("fanfold.challenges.urls")),
    path("", include("fanfold.tagsets.urls")),
    path("", include("fanfold.api.urls")),
    path("api/", api.urls),
    path("", include("fanfold.opds.urls")),
    path("admin/", admin.site.urls),
    # Last, so it costs nothing on any path that resolves: `//downloads/…` and the like.
    re_path(r"^(?P<path>/.*|.*//.*)$", collapse_slashes),
]

handler400 = "fanfold.archive.views.bad_request"
handler404 = "fanfold.archive.views.not_found"
handler403 = "fanfold.archive.views.forbidden"
handler500 = "fanfold.archive.views.server_error"

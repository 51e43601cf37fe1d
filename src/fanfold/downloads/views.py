"""Download URLs: /downloads/<work_id>/<name>.<ext>, whole series, and Marked for Later."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from fanfold.accounts.http import AuthenticatedRequest
from fanfold.downloads.book import series_book, work_book
from fanfold.downloads.content import SeriesContent, series_content, work_content
from fanfold.downloads.naming import file_stem
from fanfold.downloads.responses import download_response
from fanfold.downloads.service import BeingPrepared, available_formats, make_download
from fanfold.feedback.models import Shelf
from fanfold.lib.ratelimits import rate_limited
from fanfold.lib.siteurl import site_url
from fanfold.moderation.models import SiteSettings
from fanfold.series.models import Series
from fanfold.works.listing import with_details
from fanfold.works.reading import readable_work
from fanfold.works.visibility import visible_works_for


def _check_format(extension: str) -> None:
    if not SiteSettings.current().downloads_enabled:
        raise Http404("Downloads are turned off on this archive at the moment.")
    if extension not in available_formats():
        raise Http404("That download format is not available here.")


def _prepared_later() -> HttpResponse:
    response = HttpResponse(
        "This download is being prepared. Please try again in a few seconds.", status=503
    )
    response["Retry-After"] = "5"
    return response


@rate_limited("download", methods=("GET", "HEAD"))
def download_work(
    request: HttpRequest, work_id: int, file_name: str, extension: str
) -> HttpResponse:
    _check_format(extension)
    work = readable_work(request, work_id)
    site = site_url(request)
    try:
        download = make_download(
            work_book(work_content(work, site), site), f"works/{work.pk}", extension
        )
    except BeingPrepared:
        return _prepared_later()
    stem = file_stem(work.title, f"Work_{work.pk}")
    return download_response(
        request,
        download,
        f"{stem}.{extension}",
        work.title,
        work.revised_at,
        public=not work.restricted,
    )


def _book_download(request, book, scope: str, extension: str, stem: str, title: str, public: bool):
    try:
        download = make_download(book, scope, extension)
    except BeingPrepared:
        return _prepared_later()
    return download_response(request, download, f"{stem}.{extension}", title, None, public)


@login_required
@rate_limited("download", methods=("GET", "HEAD"))
def download_marked_for_later(request: AuthenticatedRequest, extension: str) -> HttpResponse:
    """Beyond AO3: everything on the reader's Marked for Later shelf, as one e-book."""
    _check_format(extension)
    ids = request.user.readings.filter(shelf=Shelf.WANT).values_list("work_id", flat=True)
    works = list(with_details(visible_works_for(request.user).filter(id__in=ids)).order_by("title"))
    if not works:
        raise Http404("Your Marked for Later shelf is empty.")
    site = site_url(request)
    content = SeriesContent(0, "Marked for Later", site, "", [work_content(w, site) for w in works])
    book = series_book(content, site)
    scope = f"shelves/{request.user.pk}/want"
    return _book_download(
        request, book, scope, extension, "Marked_for_Later", "Marked for Later", public=False
    )


@rate_limited("download", methods=("GET", "HEAD"))
def download_series(
    request: HttpRequest, series_id: int, file_name: str, extension: str
) -> HttpResponse:
    _check_format(extension)
    series = get_object_or_404(Series, pk=series_id)
    works = list(
        with_details(
            visible_works_for(request.user).filter(series_memberships__series=series)
        ).order_by("series_memberships__position")
    )
    if not works:
        raise Http404("No such series.")
    site = site_url(request)
    book = series_book(series_content(series, works, site), site)
    scope = f"series/{series.pk}/{request.user.is_authenticated:d}"
    stem = file_stem(series.title, f"Series_{series.pk}")
    public = not any(work.restricted for work in works)
    return _book_download(request, book, scope, extension, stem, series.title, public)

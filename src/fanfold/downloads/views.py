"""Download URLs: /downloads/<work_id>/<name>.<ext> and whole series."""

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from fanfold.downloads.book import series_book, work_book
from fanfold.downloads.content import series_content, work_content
from fanfold.downloads.naming import file_stem
from fanfold.downloads.responses import download_response
from fanfold.downloads.service import BeingPrepared, available_formats, make_download
from fanfold.series.models import Series
from fanfold.works.listing import with_details
from fanfold.works.reading import readable_work
from fanfold.works.visibility import visible_works_for


def _check_format(extension: str) -> None:
    if extension not in available_formats():
        raise Http404("That download format is not available here.")


def _prepared_later() -> HttpResponse:
    response = HttpResponse(
        "This download is being prepared. Please try again in a few seconds.", status=503
    )
    response["Retry-After"] = "5"
    return response


def download_work(
    request: HttpRequest, work_id: int, file_name: str, extension: str
) -> HttpResponse:
    _check_format(extension)
    work = readable_work(request, work_id)
    content = work_content(work)
    try:
        download = make_download(
            work_book(content, settings.SITE_URL), f"works/{work.pk}", extension
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
    book = series_book(series_content(series, works), settings.SITE_URL)
    try:
        download = make_download(
            book, f"series/{series.pk}/{request.user.is_authenticated:d}", extension
        )
    except BeingPrepared:
        return _prepared_later()
    stem = file_stem(series.title, f"Series_{series.pk}")
    public = not any(work.restricted for work in works)
    return download_response(request, download, f"{stem}.{extension}", series.title, None, public)

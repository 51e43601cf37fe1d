"""Series pages."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Sum
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from fanfold.downloads.naming import file_stem
from fanfold.downloads.service import available_formats
from fanfold.search.listing import render_filtered_works
from fanfold.series.forms import SeriesForm
from fanfold.series.models import Series
from fanfold.works.listing import with_details
from fanfold.works.visibility import is_admin, visible_works_for


def show_series(request: HttpRequest, series_id: int) -> HttpResponse:
    series = get_object_or_404(Series.objects.prefetch_related("creators__user"), pk=series_id)
    works = with_details(visible_works_for(request.user).filter(series_memberships__series=series))
    works = works.order_by("series_memberships__position")
    is_creator = _is_series_creator(request, series)
    if not works and not is_creator:
        raise Http404("No such series.")  # a series of hidden works must not leak its title
    totals = works.aggregate(words=Sum("word_count"))
    context = {
        "series": series,
        "works": works,
        "word_count": totals["words"] or 0,
        "begun_on": min((work.published_on for work in works if work.published_on), default=None),
        "updated_on": max((work.updated_on for work in works if work.updated_on), default=None),
        "can_edit": is_creator,
        # As on AO3, a series holding an anonymous work does not name its creators.
        "anonymous": any(work.anonymous for work in works)
        and not (is_creator or is_admin(request.user)),
        "download_stem": file_stem(series.title, f"Series_{series.pk}"),
        "download_formats": available_formats(),
    }
    return render(request, "series/show.html", context)


def _is_series_creator(request: HttpRequest, series: Series) -> bool:
    user = request.user
    return user.is_authenticated and series.creators.filter(user=user).exists()


def series_works(request: HttpRequest, series_id: int) -> HttpResponse:
    """The works of a series with the full filter sidebar (the series page keeps part order)."""
    series = get_object_or_404(Series, pk=series_id)
    work_ids = frozenset(series.memberships.values_list("work_id", flat=True))
    return render_filtered_works(
        request, heading=series.title, within_work_ids=work_ids, series=series
    )


@login_required
def edit_series(request: HttpRequest, series_id: int) -> HttpResponse:
    series = get_object_or_404(Series, pk=series_id)
    if not _is_series_creator(request, series):
        raise PermissionDenied("Only the series' creators can change it.")
    form = SeriesForm(request.POST or None, instance=series)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Series was successfully updated."))
        return redirect(series)
    return render(request, "series/form.html", {"form": form, "series": series})

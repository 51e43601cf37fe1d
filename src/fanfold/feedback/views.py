"""Leaving kudos and listing who left them."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from fanfold.accounts.http import own_account
from fanfold.feedback import stats as author_stats
from fanfold.feedback.kudos import KudosResult, kudos_summary, leave_kudos
from fanfold.feedback.middleware import guest_id
from fanfold.lib.ratelimits import client_ip, rate_limited
from fanfold.tags.models import Tag, TagType
from fanfold.works.reading import readable_work


@require_POST
@rate_limited("kudos")
def kudos(request: HttpRequest, work_id: int) -> HttpResponse:
    work = readable_work(request, work_id)
    result = leave_kudos(work, request.user, client_ip(request), guest_id(request))
    if result is KudosResult.LEFT:
        messages.success(request, result.value)
    else:
        messages.info(request, result.value)
    return redirect(work.get_absolute_url() + "#kudos")


def kudos_list(request: HttpRequest, work_id: int) -> HttpResponse:
    work = readable_work(request, work_id)
    names = work.kudos.exclude(user=None).order_by("-id").values_list("user__username", flat=True)
    context = {"work": work, **kudos_summary(work), "names": list(names)}
    return render(request, "feedback/kudos_list.html", context)


def stats(request: HttpRequest, login_name: str) -> HttpResponse:
    """Statistics are the creator's own business: only they see them."""
    user = own_account(request, login_name, "Only you can see your statistics.")
    fandom, year, sort = (
        request.GET.get("fandom", ""),
        request.GET.get("year", ""),
        request.GET.get("sort", "hits"),
    )
    works = author_stats.author_works(user, fandom, year, sort)
    all_works = author_stats.author_works(user)
    context = {
        "works": works,
        "totals": author_stats.totals(works),
        "chart": author_stats.hits_chart(works),
        "chart_width": author_stats.CHART_WIDTH,
        "chart_height": author_stats.CHART_HEIGHT,
        "sorts": list(author_stats.SORTS),
        "sort": sort,
        "fandom": fandom,
        "year": year,
        "fandoms": Tag.objects.filter(type=TagType.FANDOM, taggings__work__in=all_works)
        .distinct()
        .order_by("name"),
        "years": sorted({w.published_on.year for w in all_works if w.published_on}, reverse=True),
    }
    return render(request, "feedback/stats.html", context)

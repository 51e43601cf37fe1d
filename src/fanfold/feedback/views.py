"""Leaving kudos and listing who left them."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from fanfold.feedback.kudos import KudosResult, kudos_summary, leave_kudos
from fanfold.feedback.middleware import guest_id
from fanfold.works.reading import readable_work


def client_ip(request: HttpRequest) -> str:
    return request.META.get("REMOTE_ADDR", "")


@require_POST
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

"""Subscribing to works, series and creators; one-click unsubscribe from any email."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from fanfold.accounts.http import AuthenticatedRequest, own_account
from fanfold.accounts.models import User
from fanfold.feedback.models import Subscription
from fanfold.feedback.notifications import subscription_for
from fanfold.series.models import Series
from fanfold.works.reading import readable_work


@login_required
@require_POST
def subscribe(request: AuthenticatedRequest) -> HttpResponse:
    kind, target_id = request.POST.get("type"), request.POST.get("id", "")
    if not target_id.isdigit():
        raise Http404("Nothing to subscribe to.")
    target: dict[str, Any]
    if kind == "work":
        target = {"work": readable_work(request, int(target_id))}
    elif kind == "series":
        target = {"series": get_object_or_404(Series, pk=target_id)}
    elif kind == "user":
        target = {"creator": get_object_or_404(User, pk=target_id, is_active=True)}
    else:
        raise Http404("Nothing to subscribe to.")
    Subscription.objects.get_or_create(user=request.user, **target)
    messages.success(request, _("You are now subscribed; updates will arrive by email."))
    return _back(request)


def _back(request: AuthenticatedRequest) -> HttpResponse:
    """To the page the button was on, or the subscriptions list."""
    next_page = request.POST.get("next", "")
    if next_page.startswith("/") and not next_page.startswith("//"):  # never an open redirect
        return redirect(next_page)
    return redirect("feedback:subscriptions", request.user.username)


@login_required
def subscriptions(request: AuthenticatedRequest, login_name: str) -> HttpResponse:
    own_account(request, login_name, "Subscriptions are private.")
    if request.method == "POST":
        request.user.subscriptions.filter(pk=request.POST.get("subscription", "")).delete()
        messages.success(request, _("You have been unsubscribed."))
        return _back(request)
    items = request.user.subscriptions.select_related("work", "series", "creator")
    return render(request, "feedback/subscriptions.html", {"subscriptions": items})


@csrf_exempt  # mail clients POST here for RFC 8058 one-click unsubscribe; the token is the proof
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    subscription = subscription_for(token)
    if request.method == "POST":
        if subscription is not None:
            subscription.delete()
        return render(request, "feedback/unsubscribed.html")
    if subscription is None:
        return render(request, "feedback/unsubscribed.html")
    return render(
        request, "feedback/unsubscribe.html", {"subscription": subscription, "token": token}
    )

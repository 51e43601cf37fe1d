"""A user's gifts page and AO3's "Refuse Gift"."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fanfold.accounts.http import AuthenticatedRequest
from fanfold.accounts.models import User
from fanfold.gifts import giving
from fanfold.gifts.models import Gift
from fanfold.lib.pagination import paginate
from fanfold.works.listing import with_details
from fanfold.works.visibility import visible_works_for


def user_gifts(request: HttpRequest, login_name: str) -> HttpResponse:
    """/users/<name>/gifts: gifts to the user that the viewer may see, as work blurbs (an
    unrevealed gift appears at the reveal); refused gifts are shown only to the recipient."""
    recipient = get_object_or_404(User, username__iexact=login_name, is_active=True)
    gifts = giving.gifts_for(recipient, request.user)
    refused = request.GET.get("refused") == "true" and request.user == recipient
    gifts = gifts.filter(rejected=refused)
    works = visible_works_for(request.user).filter(pk__in=gifts.values("work_id"))
    page = paginate(request, with_details(works.order_by("-revised_at", "-id")))
    by_work = {gift.work_id: gift for gift in gifts.filter(work__in=page.object_list)}
    context = {
        "profile_user": recipient,
        "page": page,
        "entries": [(work, by_work[work.pk]) for work in page.object_list],
        "refused": refused,
        "is_recipient": request.user == recipient,
    }
    return render(request, "gifts/user_gifts.html", context)


@login_required
@require_POST
def toggle_refused(request: AuthenticatedRequest, gift_id: int) -> HttpResponse:
    gift = get_object_or_404(Gift.objects.select_related("pseud"), pk=gift_id)
    try:
        if gift.rejected:
            giving.accept_again(gift, request.user)
            messages.success(request, _("This work is listed as your gift again."))
        else:
            giving.refuse(gift, request.user)
            messages.success(request, _("This work will no longer be listed among your gifts."))
    except giving.GiftRefused as refused:
        raise PermissionDenied(str(refused)) from None
    return redirect("gifts:user", request.user.username)

"""A user's pending co-creator invitations: accept or decline each."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from fanfold.accounts.http import AuthenticatedRequest, own_account
from fanfold.works import cocreators


@login_required
def creatorships(request: AuthenticatedRequest, login_name: str) -> HttpResponse:
    user = own_account(request, login_name, "These are someone else's invitations.")
    pending = cocreators.pending_for(user)
    if request.method == "POST":
        invitation = get_object_or_404(pending, pk=request.POST.get("invitation"))
        title = invitation.work.title
        if request.POST.get("answer") == "accept":
            cocreators.accept(invitation)
            messages.success(
                request, _("You are now a co-creator of “%(title)s”.") % {"title": title}
            )
        else:
            cocreators.decline(invitation)
            messages.info(request, _("You declined to co-create “%(title)s”.") % {"title": title})
        return redirect("accounts:creatorships", user.username)
    return render(request, "accounts/creatorships.html", {"pending": pending})

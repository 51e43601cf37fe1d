"""Asking for an invitation, and sharing the invitations a user was given."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _

from fanfold.accounts.http import AuthenticatedRequest, own_account
from fanfold.lib.ratelimits import rate_limited
from fanfold.moderation import invitations
from fanfold.moderation.models import RegistrationMode


class EmailForm(forms.Form):
    email = forms.EmailField(label=_("Email"))


@rate_limited("invite_request")
def request_invitation(request: HttpRequest) -> HttpResponse:
    if invitations.registration_mode() != RegistrationMode.INVITATION:
        return render(request, "accounts/sign_up_refused.html", {"refusal": "no_queue"})
    form = EmailForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        position = invitations.request_invitation(form.cleaned_data["email"])
        return render(request, "accounts/invitation_requested.html", {"position": position})
    return render(request, "accounts/request_invitation.html", {"form": form})


@login_required
def my_invitations(request: AuthenticatedRequest, login_name: str) -> HttpResponse:
    user = own_account(request, login_name, "These are someone else's invitations.")
    form = EmailForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        invitation = get_object_or_404(
            user.invitations, pk=request.POST.get("invitation"), used_by=None, sent_at=None
        )
        invitations.send_invitation(invitation, form.cleaned_data["email"])
        messages.success(
            request, _("Invitation sent to %(email)s.") % {"email": form.cleaned_data["email"]}
        )
        return redirect("accounts:invitations", user.username)
    context = {"invitations": user.invitations.order_by("-id")[:200], "form": form}
    return render(request, "accounts/invitations.html", context)

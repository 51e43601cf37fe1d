"""The access-token page: make a named, scoped token (its secret shown once), see and revoke them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fanfold.accounts.http import AuthenticatedRequest, own_account
from fanfold.api import archivists
from fanfold.api.forms import TokenForm
from fanfold.api.tokens import TokenRefused, issue_token, revoke_token


def _own(request: AuthenticatedRequest, login_name: str):
    return own_account(request, login_name, "Access tokens are private.")


@login_required
def tokens(request: AuthenticatedRequest, login_name: str) -> HttpResponse:
    user = _own(request, login_name)
    form = TokenForm(request.POST or None, user=user)
    secret = None
    if request.method == "POST" and form.is_valid():
        try:
            token, secret = issue_token(
                user, form.cleaned_data["name"], form.cleaned_data["scopes"]
            )
        except TokenRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(
                request, f"Made the token “{token.name}”. Copy it now: it is shown only once."
            )
            form = TokenForm(user=user)
    context = {"form": form, "secret": secret, "tokens": user.access_tokens.all()}
    # The page that shows a secret must never be cached by a browser or a proxy.
    response = render(request, "api/tokens.html", context)
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def revoke(request: AuthenticatedRequest, login_name: str, token_id: int) -> HttpResponse:
    user = _own(request, login_name)
    token = get_object_or_404(user.access_tokens, pk=token_id)
    revoke_token(token)
    messages.success(
        request, f"Revoked the token “{token.name}”; programs using it are refused now."
    )
    return redirect("api_pages:tokens", user.username)


@login_required
def claim(request: AuthenticatedRequest, token: str) -> HttpResponse:
    """The page an imported work's creator reaches from the email: claim the work as yours."""
    try:
        invitation = archivists.open_claim(token)
    except archivists.ClaimRefused as refused:
        return render(request, "api/claim.html", {"refusal": str(refused)}, status=404)
    if request.method == "POST":
        work = archivists.claim_work(invitation, request.user)
        messages.success(request, _("“%(title)s” is now yours.") % {"title": work.title})
        return redirect(work)
    return render(request, "api/claim.html", {"claim": invitation})

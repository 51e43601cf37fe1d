"""Turning two-factor authentication on and off, and the code step of signing in."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from fanfold.accounts import two_factor
from fanfold.accounts.forms import CurrentPasswordForm
from fanfold.accounts.http import AuthenticatedRequest, own_account
from fanfold.accounts.models import TwoFactor, User
from fanfold.lib.ratelimits import enforce

PENDING_SIGN_IN = "two_factor_pending"  # session key: who passed the password step, and `next`


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code from your authenticator app"), max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )  # fmt: skip


def ask_for_code(request: HttpRequest, user: User, next_url: str) -> HttpResponse:
    """Called by sign-in after a correct password when the account has two factors."""
    request.session[PENDING_SIGN_IN] = {"user": user.pk, "next": next_url}
    return redirect("accounts:login_code")


def login_code(request: HttpRequest) -> HttpResponse:
    pending: dict = request.session.get(PENDING_SIGN_IN) or {}
    record = TwoFactor.objects.filter(user_id=pending.get("user", 0)).first()
    if record is None or record.confirmed_at is None:
        return redirect("accounts:login")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        enforce("two_factor", f"user:{record.user_id}")
        if two_factor.check_code(record, form.cleaned_data["code"]):
            del request.session[PENDING_SIGN_IN]
            login(request, record.user, backend=settings.AUTHENTICATION_BACKENDS[0])
            return redirect(pending["next"])
        form.add_error("code", _("That code is not right, or was already used. Try the next one."))
    return render(request, "accounts/login_code.html", {"form": form})


@login_required
def settings_page(request: AuthenticatedRequest, login_name: str) -> HttpResponse:
    user = own_account(request, login_name, "These are someone else's security settings.")
    action = request.POST.get("action")
    if action == "disable":
        return _disable(request, user)
    if two_factor.is_enabled(user):
        return render(
            request,
            "accounts/two_factor.html",
            {"enabled": True, "form": CurrentPasswordForm(user=user)},
        )
    record = two_factor.start_setup(user) if action == "start" else None
    form = CodeForm(request.POST if action == "confirm" else None)
    if action == "confirm":
        record = TwoFactor.objects.filter(user=user, confirmed_at=None).first()
        if record and form.is_valid() and two_factor.confirm(record, form.cleaned_data["code"]):
            messages.success(request, _("Two-factor authentication is on."))
            return redirect("accounts:two_factor", user.username)
        form.add_error("code", _("That code is not right; check your app's clock and try again."))
    context = {"record": record, "form": form, "qr": record and two_factor.qr_code_svg(record)}
    return render(request, "accounts/two_factor.html", context)


def _disable(request: AuthenticatedRequest, user: User) -> HttpResponse:
    if CurrentPasswordForm(request.POST, user=user).is_valid():
        two_factor.disable(user)
        messages.success(request, _("Two-factor authentication is off."))
    else:
        messages.error(
            request, "Your password is not correct; two-factor authentication is still on."
        )
    return redirect("accounts:two_factor", user.username)

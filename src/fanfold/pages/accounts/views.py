"""Sign-up and sign-in, user and pseud pages, account settings."""

from django.contrib import messages
from django.contrib.auth import login, update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from fanfold.accounts import registration, relations, two_factor
from fanfold.accounts.forms import (
    ChangeEmailForm,
    ChangeUsernameForm,
    PreferenceForm,
    PseudForm,
    SignInForm,
    SignUpForm,
    with_ao3_sign_in_names,
)
from fanfold.accounts.http import AuthenticatedRequest, own_account
from fanfold.accounts.models import Pseud, User
from fanfold.accounts.two_factor_views import ask_for_code
from fanfold.lib.pagination import paginate
from fanfold.lib.ratelimits import (
    RateLimited,
    allow,
    client_ip,
    rate_limited,
    seconds_left_in_window,
)
from fanfold.moderation import invitations
from fanfold.search.listing import render_filtered_works
from fanfold.series.models import Series
from fanfold.works.listing import works_for_listing
from fanfold.works.models import Creatorship, Work
from fanfold.works.visibility import (
    credited_to,
    drafts_of,
    sees_anonymous_credit,
    visible_works_for,
)

PROFILE_RECENT_WORKS = 5
# Sign-in attempts: per address, and per user name (existing or not, so nothing is revealed).
LOGIN_LIMITS = (("ip", 30, 300), ("name", 10, 900))


class SignInView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if "data" in kwargs:
            kwargs["data"] = with_ao3_sign_in_names(kwargs["data"])
        return kwargs

    def post(self, request, *args, **kwargs):
        name = with_ao3_sign_in_names(request.POST).get("username", "").strip().lower()
        keys = {"ip": client_ip(request), "name": name}
        for kind, limit, window in LOGIN_LIMITS:
            if not allow(f"login:{kind}:{keys[kind]}", limit, window):
                raise RateLimited(seconds_left_in_window(window))
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        user = form.get_user()
        if two_factor.is_enabled(user):
            return ask_for_code(self.request, user, self.get_success_url())
        return super().form_valid(form)


class SignOutView(auth_views.LogoutView):
    """AO3's header links to /users/logout: a GET asks to confirm, the POST signs out."""

    http_method_names = ["get", "post", "options"]

    def get(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        return render(request, "accounts/confirm_logout.html")


@never_cache
def token_dispenser(request: HttpRequest) -> JsonResponse:
    """AO3's /token_dispenser.json: the token a sign-in form sends as `authenticity_token`."""
    return JsonResponse({"token": get_token(request)})


@rate_limited("signup")
def sign_up(request: HttpRequest, token: str | None = None) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect(request.user)
    invitation = invitations.unused_invitation(token) if token else None
    if token and invitation is None:
        messages.error(request, _("That invitation has already been used or does not exist."))
    refusal = invitations.sign_up_refusal(invitation)
    if refusal:
        return render(request, "accounts/sign_up_refused.html", {"refusal": refusal})
    initial = {"email": invitation.sent_to} if invitation else {}
    form = SignUpForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        user = registration.register(request, form.save(commit=False), invitation)
        return render(request, "accounts/signed_up.html", {"email": user.email})
    return render(request, "accounts/sign_up.html", {"form": form})


def confirm_email(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    user = registration.confirm_email(uidb64, token)
    if user is None:
        messages.error(request, _("That confirmation link is not valid any more. Try signing in."))
        return redirect("accounts:login")
    login(request, user)
    messages.success(request, _("Your email address is confirmed. Welcome to the Archive!"))
    return redirect(user)


def _user_named(login_name: str) -> User:
    return get_object_or_404(User, username__iexact=login_name, is_active=True)


def profile(request: HttpRequest, login_name: str) -> HttpResponse:
    user = _user_named(login_name)
    works = visible_works_for(request.user).filter(creatorships__pseud__user=user).distinct()
    works = credited_to(request.user, works, user)
    context = {
        "profile_user": user,
        "pseuds": user.pseuds.all(),
        "works": works_for_listing(works)[:PROFILE_RECENT_WORKS],
        "work_count": works.count(),
        "relation_actions": _relation_actions(request, user),
    }
    return render(request, "accounts/profile.html", context)


def about(request: HttpRequest, login_name: str) -> HttpResponse:
    """AO3's /users/<login>/profile: pseuds, the date joined and the user id."""
    user = _user_named(login_name)
    return render(
        request, "accounts/about.html", {"profile_user": user, "pseuds": user.pseuds.all()}
    )


def _relation_actions(request: HttpRequest, other: User) -> list[tuple[str, str]]:
    viewer = request.user
    if not viewer.is_authenticated or viewer.pk == other.pk:
        return []
    blocked = viewer.blocks.filter(blocked=other).exists()
    muted = viewer.mutes.filter(muted=other).exists()
    return [
        ("unblock", "Unblock") if blocked else ("block", "Block"),
        ("unmute", "Unmute") if muted else ("mute", "Mute"),
    ]


def user_works(request: HttpRequest, login_name: str) -> HttpResponse:
    user = _user_named(login_name)
    return render_filtered_works(
        request,
        heading=f"Works by {user.username}",
        within_work_ids=_work_ids(request, user, Creatorship.objects.filter(pseud__user=user)),
        profile_user=user,
    )


def _work_ids(request: HttpRequest, creator: User, creatorships) -> frozenset[int]:
    works = credited_to(request.user, Work.objects.filter(creatorships__in=creatorships), creator)
    return frozenset(works.values_list("id", flat=True))


def user_series(request: HttpRequest, login_name: str) -> HttpResponse:
    user = _user_named(login_name)
    visible = credited_to(request.user, visible_works_for(request.user), user)
    series = Series.objects.filter(creators__user=user, memberships__work__in=visible)
    if not sees_anonymous_credit(request.user, user):
        # Others must not reach an anonymous work through its creator's series.
        series = series.exclude(memberships__work__anonymous=True)
    page = paginate(request, series.distinct().order_by("-modified_at"))
    return render(request, "series/list.html", {"page": page, "profile_user": user})


@login_required
def drafts(request: AuthenticatedRequest, login_name: str) -> HttpResponse:
    user = _own_account(request, login_name)
    page = paginate(request, works_for_listing(drafts_of(user)))
    context = {"page": page, "heading": "My drafts", "profile_user": user, "drafts": True}
    return render(request, "works/list.html", context)


def _pseud_named(login_name: str, pseud_name: str) -> Pseud:
    return get_object_or_404(
        Pseud.objects.select_related("user"),
        user__username__iexact=login_name,
        user__is_active=True,
        name__iexact=pseud_name,
    )


def pseud_page(request: HttpRequest, login_name: str, pseud_name: str) -> HttpResponse:
    pseud = _pseud_named(login_name, pseud_name)
    works = credited_to(
        request.user, visible_works_for(request.user).filter(creatorships__pseud=pseud), pseud.user
    )
    context = {
        "pseud": pseud,
        "profile_user": pseud.user,
        "works": works_for_listing(works)[:PROFILE_RECENT_WORKS],
        "work_count": works.count(),
    }
    return render(request, "accounts/pseud.html", context)


def pseud_works(request: HttpRequest, login_name: str, pseud_name: str) -> HttpResponse:
    pseud = _pseud_named(login_name, pseud_name)
    return render_filtered_works(
        request,
        heading=f"Works by {pseud}",
        within_work_ids=_work_ids(request, pseud.user, Creatorship.objects.filter(pseud=pseud)),
        profile_user=pseud.user,
    )


def pseud_list(request: HttpRequest, login_name: str) -> HttpResponse:
    user = _user_named(login_name)
    return render(
        request, "accounts/pseuds.html", {"profile_user": user, "pseuds": user.pseuds.all()}
    )


def _own_account(request: AuthenticatedRequest, login_name: str) -> User:
    return own_account(request, login_name, "You can only change your own account.")


@login_required
def new_pseud(request: AuthenticatedRequest, login_name: str) -> HttpResponse:
    user = _own_account(request, login_name)
    form = PseudForm(request.POST or None, request.FILES or None, user=user)
    if request.method == "POST" and form.is_valid():
        pseud = form.save(commit=False)
        pseud.user = user
        pseud.save()
        messages.success(request, _("Pseud was successfully created."))
        return redirect(pseud)
    return render(request, "accounts/pseud_form.html", {"form": form})


@login_required
def edit_pseud(request: AuthenticatedRequest, login_name: str, pseud_name: str) -> HttpResponse:
    user = _own_account(request, login_name)
    pseud = get_object_or_404(user.pseuds, name__iexact=pseud_name)
    form = PseudForm(request.POST or None, request.FILES or None, instance=pseud, user=user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Pseud was successfully updated."))
        return redirect(pseud)
    return render(request, "accounts/pseud_form.html", {"form": form, "pseud": pseud})


@login_required
def preferences(request: AuthenticatedRequest, login_name: str) -> HttpResponse:
    user = _own_account(request, login_name)
    form = PreferenceForm(request.POST or None, instance=user.preference)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your preferences were successfully updated."))
        return redirect("accounts:preferences", user.username)
    return render(request, "accounts/preferences.html", {"form": form})


def _change_account(
    request: AuthenticatedRequest, login_name: str, form_class, change, done: str, title: str
):
    """The shape of every password-confirmed account change: check, apply, say so."""
    user = _own_account(request, login_name)
    form = form_class(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        change(user, form.cleaned_data)
        messages.success(request, done)
        return redirect(user)
    return render(request, "accounts/change.html", {"form": form, "title": title})


@login_required
def change_username(request: AuthenticatedRequest, login_name: str) -> HttpResponse:
    return _change_account(
        request,
        login_name,
        ChangeUsernameForm,
        lambda user, data: registration.change_username(user, data["username"]),
        "Your user name has been successfully updated.",
        "Change User Name",
    )


@login_required
def change_email(request: AuthenticatedRequest, login_name: str) -> HttpResponse:
    return _change_account(
        request,
        login_name,
        ChangeEmailForm,
        lambda user, data: registration.change_email(request, user, data["email"]),
        "Your email has been updated; we sent a link to confirm it.",
        "Change Email",
    )


@login_required
def change_password(request: AuthenticatedRequest, login_name: str) -> HttpResponse:
    user = _own_account(request, login_name)
    form = PasswordChangeForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        update_session_auth_hash(request, form.user)
        messages.success(request, _("Your password has been changed."))
        return redirect(user)
    return render(request, "accounts/change.html", {"form": form, "title": "Change Password"})


RELATIONS = {
    "block": (
        relations.block,
        "You have blocked {name}: they can't comment on your works or leave kudos.",
    ),
    "unblock": (relations.unblock, "You have unblocked {name}."),
    "mute": (
        relations.mute,
        "You have muted {name}: their works and comments are hidden from you.",
    ),
    "unmute": (relations.unmute, "You have unmuted {name}."),
}


@login_required
def change_relation(request: AuthenticatedRequest, login_name: str, action: str) -> HttpResponse:
    """Blocking is asked once more on a page of its own (GET); every change is a POST."""
    other = _user_named(login_name)
    if action not in RELATIONS:
        raise PermissionDenied("No such action.")
    if request.method != "POST":
        if action != "block":
            return HttpResponseNotAllowed(["POST"])
        return render(request, "accounts/confirm_block.html", {"other": other})
    change, done = RELATIONS[action]
    try:
        change(request.user, other)
    except relations.RelationRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, done.format(name=other.username))
    return redirect(other)


@login_required
def relation_list(request: AuthenticatedRequest, login_name: str, kind: str) -> HttpResponse:
    user = _own_account(request, login_name)
    if kind == "blocked":
        people = User.objects.filter(blocked_by__blocker=user)
    else:
        people = User.objects.filter(muted_by__muter=user)
    return render(
        request, "accounts/relations.html", {"people": people.order_by("username"), "kind": kind}
    )

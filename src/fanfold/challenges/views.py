"""Challenge pages: settings, sign-ups, prompts and claims (assignment pages are in
assignment_views)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fanfold.accounts.http import AuthenticatedRequest, own_account
from fanfold.accounts.models import User
from fanfold.challenges import claims as claiming
from fanfold.challenges.forms import ChallengeForm, PseudChoiceForm, WorkChoiceForm, prompt_forms
from fanfold.challenges.models import Challenge, ChallengeKind, Claim, Prompt, PromptKind, Signup
from fanfold.challenges.signups import SignupRefused, delete_signup, may_see_signup, save_signup
from fanfold.collections.membership import is_maintainer
from fanfold.collections.models import Collection
from fanfold.lib.pagination import paginate
from fanfold.moderation.audit import record

PER_PAGE = 20


def challenge_of(name: str) -> Challenge:
    challenge = (
        Challenge.objects.select_related("collection").filter(collection__name__iexact=name).first()
    )
    if challenge is None:
        raise Http404("This collection runs no challenge.")
    return challenge


def maintained_challenge(request: HttpRequest, name: str) -> Challenge:
    challenge = challenge_of(name)
    if not is_maintainer(request.user, challenge.collection):
        raise PermissionDenied("Only the challenge's maintainers can see this page.")
    return challenge


def context_for(request: HttpRequest, challenge: Challenge, **extra) -> dict:
    return {
        "challenge": challenge,
        "collection": challenge.collection,
        "is_maintainer": is_maintainer(request.user, challenge.collection),
        **extra,
    }


@login_required
def edit_challenge(request: AuthenticatedRequest, name: str, kind: str) -> HttpResponse:
    """AO3's /collections/<name>/gift_exchange/edit and /prompt_meme/edit: made on first save."""
    collection = get_object_or_404(Collection, name__iexact=name)
    if not is_maintainer(request.user, collection):
        raise PermissionDenied("Only the collection's maintainers can set up its challenge.")
    challenge = Challenge.objects.filter(collection=collection).first() or Challenge(
        collection=collection, kind=ChallengeKind(kind)
    )
    if challenge.kind != kind:
        return redirect(f"challenges:edit_{challenge.kind}", collection.name)
    form = ChallengeForm(request.POST or None, instance=challenge)
    if request.method == "POST" and form.is_valid():
        form.save()
        record(request.user, "challenge settings", collection)
        messages.success(request, _("Challenge settings were successfully updated."))
        return redirect("collections:show", collection.name)
    return render(
        request,
        "challenges/edit.html",
        {"form": form, "challenge": challenge, "collection": collection},
    )


@login_required
def new_signup(request: AuthenticatedRequest, name: str) -> HttpResponse:
    challenge = challenge_of(name)
    existing = Signup.objects.filter(challenge=challenge, pseud__user=request.user).first()
    if existing:
        messages.info(
            request,
            "You have already signed up for this challenge; you can edit your sign-up here.",
        )
        return redirect("challenges:edit_signup", challenge.collection.name, existing.pk)
    return _signup_form(request, challenge, signup=None)


@login_required
def edit_signup(request: AuthenticatedRequest, name: str, signup_id: int) -> HttpResponse:
    challenge = challenge_of(name)
    signup = get_object_or_404(
        Signup.objects.prefetch_related("prompts__tags"), pk=signup_id, challenge=challenge
    )
    if signup.pseud.user_id != request.user.pk and not is_maintainer(
        request.user, challenge.collection
    ):
        raise PermissionDenied("You can only edit your own sign-up.")
    return _signup_form(request, challenge, signup)


def _signup_form(request: HttpRequest, challenge: Challenge, signup: Signup | None) -> HttpResponse:
    data = request.POST if request.method == "POST" else None
    forms_ = prompt_forms(challenge, data, signup)
    pseud_form = PseudChoiceForm(request.user, data)
    errors: list[str] = []
    if data is not None and pseud_form.is_valid() and all(form.is_valid() for form in forms_):
        pseud = signup.pseud if signup else pseud_form.chosen_pseud()
        try:
            saved = save_signup(
                challenge, pseud, [f.prompt_input() for f in forms_], signup, request.user
            )
        except SignupRefused as refused:
            errors = refused.errors
        else:
            messages.success(request, _("Sign-up was successfully saved."))
            return redirect(saved)
    if signup is None and data is None and not challenge.signups_are_open():
        errors = ["Sign-up is currently closed: please contact a moderator for help."]
    context = context_for(
        request,
        challenge,
        signup=signup,
        pseud_form=pseud_form if signup is None else None,
        requests=[f for f in forms_ if f.kind == PromptKind.REQUEST],
        offers=[f for f in forms_ if f.kind == PromptKind.OFFER],
        signup_errors=errors,
    )
    return render(
        request, "challenges/signup_form.html", context, status=400 if errors and data else 200
    )


def show_signup(request: HttpRequest, name: str, signup_id: int) -> HttpResponse:
    challenge = challenge_of(name)
    signup = get_object_or_404(
        Signup.objects.select_related("pseud__user").prefetch_related("prompts__tags"),
        pk=signup_id,
        challenge=challenge,
    )
    if not may_see_signup(request.user, signup):
        raise PermissionDenied("Only the participant and the maintainers can see this sign-up.")
    can_edit = request.user.is_authenticated and (
        signup.pseud.user_id == request.user.pk or is_maintainer(request.user, challenge.collection)
    )
    return render(
        request,
        "challenges/signup.html",
        context_for(request, challenge, signup=signup, can_edit=can_edit),
    )


@login_required
@require_POST
def remove_signup(request: AuthenticatedRequest, name: str, signup_id: int) -> HttpResponse:
    challenge = challenge_of(name)
    signup = get_object_or_404(Signup, pk=signup_id, challenge=challenge)
    try:
        delete_signup(signup, request.user)
    except SignupRefused as refused:
        raise PermissionDenied(str(refused)) from refused
    messages.success(request, _("Sign-up was deleted."))
    return redirect("collections:show", challenge.collection.name)


def signups(request: HttpRequest, name: str) -> HttpResponse:
    """All sign-ups, for the maintainers (a prompt meme's public list is its prompts page)."""
    challenge = challenge_of(name)
    if not is_maintainer(request.user, challenge.collection):
        raise PermissionDenied("Only the challenge's maintainers can see all sign-ups.")
    found = challenge.signups.select_related("pseud__user").prefetch_related("prompts__tags")
    page = paginate(request, found, per_page=PER_PAGE)
    return render(request, "challenges/signups.html", context_for(request, challenge, page=page))


def requests_summary(request: HttpRequest, name: str) -> HttpResponse:
    """A gift exchange's requests, for its maintainers (and everyone when they choose)."""
    challenge = challenge_of(name)
    if not (
        challenge.requests_summary_visible or is_maintainer(request.user, challenge.collection)
    ):
        raise PermissionDenied("The maintainers have not made the requests public.")
    found = Prompt.objects.filter(challenge=challenge, kind=PromptKind.REQUEST).select_related(
        "signup__pseud"
    )
    page = paginate(
        request,
        found.prefetch_related("tags").order_by("signup__pseud__name", "position"),
        per_page=PER_PAGE,
    )
    show_names = is_maintainer(request.user, challenge.collection)
    return render(
        request,
        "challenges/requests.html",
        context_for(request, challenge, page=page, show_names=show_names),
    )


def prompts(request: HttpRequest, name: str) -> HttpResponse:
    challenge = challenge_of(name)
    tag_name, state = request.GET.get("tag", ""), request.GET.get("state", "")
    if state not in claiming.PROMPT_STATES:
        state = ""
    page = paginate(
        request, claiming.prompts_listing(challenge, tag_name, state), per_page=PER_PAGE
    )
    context = context_for(
        request, challenge, page=page, tag_name=tag_name, state=state, states=claiming.PROMPT_STATES
    )
    return render(request, "challenges/prompts.html", context)


def show_prompt(request: HttpRequest, name: str, prompt_id: int) -> HttpResponse:
    challenge = challenge_of(name)
    prompt = get_object_or_404(
        Prompt.objects.select_related("signup__pseud").prefetch_related(
            "tags", "claims__pseud", "claims__work"
        ),
        pk=prompt_id,
        challenge=challenge,
    )
    if challenge.is_gift_exchange and not may_see_signup(request.user, prompt.signup):
        raise PermissionDenied("Only the participant and the maintainers can see this request.")
    claimed = (
        request.user.is_authenticated and prompt.claims.filter(pseud__user=request.user).exists()
    )
    return render(
        request,
        "challenges/prompt.html",
        context_for(request, challenge, prompt=prompt, claimed=claimed),
    )


@login_required
@require_POST
def claim_prompt(request: AuthenticatedRequest, name: str, prompt_id: int) -> HttpResponse:
    challenge = challenge_of(name)
    prompt = get_object_or_404(Prompt, pk=prompt_id, challenge=challenge)
    try:
        claiming.claim(prompt, request.user.default_pseud)
    except claiming.ClaimRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, _("New claim made."))
    return redirect(prompt)


def claims(request: HttpRequest, name: str) -> HttpResponse:
    """Maintainers see every claim; a participant sees their own."""
    challenge = challenge_of(name)
    found = Claim.objects.filter(challenge=challenge).select_related("prompt", "pseud", "work")
    if not is_maintainer(request.user, challenge.collection):
        if not request.user.is_authenticated:
            raise PermissionDenied("Log in to see your claims.")
        found = found.filter(pseud__user=request.user)
    page = paginate(request, found, per_page=PER_PAGE)
    return render(request, "challenges/claims.html", context_for(request, challenge, page=page))


@login_required
@require_POST
def unclaim(request: AuthenticatedRequest, name: str, claim_id: int) -> HttpResponse:
    challenge = challenge_of(name)
    found = get_object_or_404(Claim, pk=claim_id, challenge=challenge)
    try:
        claiming.unclaim(found, request.user)
    except claiming.ClaimRefused as refused:
        raise PermissionDenied(str(refused)) from refused
    if found.pseud.user_id != request.user.pk:
        record(request.user, "removed claim", challenge.collection, note=str(found))
    messages.success(request, _("Your claim was deleted."))
    return redirect("challenges:claims", challenge.collection.name)


@login_required
def fill_claim(request: AuthenticatedRequest, name: str, claim_id: int) -> HttpResponse:
    challenge = challenge_of(name)
    found = get_object_or_404(
        Claim.objects.select_related("prompt"), pk=claim_id, challenge=challenge
    )
    if found.pseud.user_id != request.user.pk:
        raise PermissionDenied("Only the claimant can fill this claim.")
    form = WorkChoiceForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            claiming.fill(found, form.cleaned_data["work"], request.user)
        except claiming.ClaimRefused as refused:
            form.add_error("work", str(refused))
        else:
            messages.success(request, _("Your work fills the prompt."))
            return redirect(found.prompt)
    context = context_for(request, challenge, form=form, heading=f"Fill “{found.prompt}”")
    return render(request, "challenges/choose_work.html", context)


@login_required
def user_signups(request: AuthenticatedRequest, login_name: str) -> HttpResponse:
    user = _own(request, login_name)
    found = Signup.objects.filter(pseud__user=user).select_related("challenge__collection", "pseud")
    page = paginate(request, found.order_by("-created_at", "-id"), per_page=PER_PAGE)
    return render(request, "challenges/user_signups.html", {"page": page, "profile_user": user})


@login_required
def user_claims(request: AuthenticatedRequest, login_name: str) -> HttpResponse:
    user = _own(request, login_name)
    found = Claim.objects.filter(pseud__user=user).select_related(
        "challenge__collection", "prompt", "work"
    )
    page = paginate(request, found, per_page=PER_PAGE)
    return render(request, "challenges/user_claims.html", {"page": page, "profile_user": user})


def _own(request: HttpRequest, login_name: str) -> User:
    """AO3 shows a user's sign-ups, assignments and claims to that user only."""
    return own_account(
        request, login_name, "You can only see your own sign-ups, assignments and claims."
    )

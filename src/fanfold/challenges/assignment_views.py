"""Gift exchange pages after sign-ups: potential matches, assignments and fulfilling them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from fanfold.accounts.http import AuthenticatedRequest
from fanfold.challenges import assignments as assigning
from fanfold.challenges.forms import GiverForm, WorkChoiceForm
from fanfold.challenges.models import Assignment, PotentialMatch
from fanfold.challenges.tasks import generate_matches_task
from fanfold.challenges.views import PER_PAGE, _own, challenge_of, context_for, maintained_challenge
from fanfold.collections.membership import is_maintainer
from fanfold.lib.pagination import paginate


def potential_matches(request: HttpRequest, name: str) -> HttpResponse:
    challenge = maintained_challenge(request, name)
    found = PotentialMatch.objects.filter(challenge=challenge).select_related(
        "request_signup__pseud", "offer_signup__pseud"
    )
    page = paginate(request, found, per_page=50)
    unmatched = challenge.assignments.filter(
        request_signup__isnull=False, offer_signup=None, pinch_hitter=None
    )
    context = context_for(
        request, challenge, page=page, unmatched=unmatched.select_related("request_signup__pseud")
    )
    return render(request, "challenges/potential_matches.html", context)


@login_required
@require_POST
def generate(request: AuthenticatedRequest, name: str) -> HttpResponse:
    """Matching runs as a background task: a large exchange takes longer than a request should."""
    challenge = maintained_challenge(request, name)
    if challenge.assignments_sent_at:
        messages.error(request, _("Assignments have been sent; purge them before matching again."))
    else:
        generate_matches_task.enqueue(challenge.pk, request.user.pk)
        messages.success(
            request, "Matching has started; the assignments appear here when it is done."
        )
    return redirect("challenges:assignments", challenge.collection.name)


def assignments(request: HttpRequest, name: str) -> HttpResponse:
    challenge = maintained_challenge(request, name)
    found = challenge.assignments.select_related(
        "request_signup__pseud", "offer_signup__pseud", "pinch_hitter", "work"
    )
    page = paginate(request, found, per_page=PER_PAGE)
    return render(
        request, "challenges/assignments.html", context_for(request, challenge, page=page)
    )


@login_required
@require_POST
def send_out(request: AuthenticatedRequest, name: str) -> HttpResponse:
    challenge = maintained_challenge(request, name)
    try:
        sent = assigning.send_assignments(challenge, request.user)
    except assigning.AssignmentRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(
            request,
            ngettext(
                "%(sent)s assignment was sent out.", "%(sent)s assignments were sent out.", sent
            )
            % {"sent": sent},
        )
    return redirect("challenges:assignments", challenge.collection.name)


def show_assignment(request: HttpRequest, name: str, assignment_id: int) -> HttpResponse:
    challenge = challenge_of(name)
    assignment = get_object_or_404(
        Assignment.objects.select_related(
            "request_signup__pseud", "offer_signup__pseud", "pinch_hitter", "work"
        ),
        pk=assignment_id,
        challenge=challenge,
    )
    maintainer = is_maintainer(request.user, challenge.collection)
    if not (maintainer or (assignment.sent_at and assigning.is_giver(request.user, assignment))):
        raise PermissionDenied("Only the giver and the maintainers can see this assignment.")
    requests = assignment.request_signup.requests if assignment.request_signup else []
    context = context_for(
        request,
        challenge,
        assignment=assignment,
        requests=requests,
        is_giver=assigning.is_giver(request.user, assignment),
        giver_form=GiverForm(challenge, initial={"giver": assignment.offer_signup_id})
        if maintainer
        else None,
    )
    return render(request, "challenges/assignment.html", context)


@login_required
@require_POST
def edit_assignment(request: AuthenticatedRequest, name: str, assignment_id: int) -> HttpResponse:
    """A moderator sets the giver or writes in a pinch hitter."""
    challenge = maintained_challenge(request, name)
    assignment = get_object_or_404(Assignment, pk=assignment_id, challenge=challenge)
    form = GiverForm(challenge, request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect(assignment)
    try:
        if form.cleaned_data["pinch_hitter"]:
            assigning.cover(assignment, request.user, form.cleaned_data["pinch_hitter"])
        else:
            assigning.set_giver(assignment, request.user, form.cleaned_data["giver"])
    except assigning.AssignmentRefused as refused:
        messages.error(request, str(refused))
        return redirect(assignment)
    messages.success(request, _("Assignment updated."))
    return redirect("challenges:assignments", challenge.collection.name)


@login_required
@require_POST
def default_assignment(
    request: AuthenticatedRequest, name: str, assignment_id: int
) -> HttpResponse:
    challenge = challenge_of(name)
    assignment = get_object_or_404(Assignment, pk=assignment_id, challenge=challenge)
    try:
        assigning.default(assignment, request.user)
    except assigning.AssignmentRefused as refused:
        raise PermissionDenied(str(refused)) from refused
    messages.success(
        request,
        "We have notified the collection maintainers that you had to default on your assignment.",
    )
    return redirect("challenges:user_assignments", request.user.username)


@login_required
def fulfill_assignment(
    request: AuthenticatedRequest, name: str, assignment_id: int
) -> HttpResponse:
    challenge = challenge_of(name)
    assignment = get_object_or_404(Assignment, pk=assignment_id, challenge=challenge)
    if not assigning.is_giver(request.user, assignment):
        raise PermissionDenied("Only the giver can fulfil this assignment.")
    form = WorkChoiceForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            assigning.fulfill(assignment, form.cleaned_data["work"], request.user)
        except assigning.AssignmentRefused as refused:
            form.add_error("work", str(refused))
        else:
            messages.success(
                request, _("Your work was posted to the collection for your assignment.")
            )
            return redirect("challenges:user_assignments", request.user.username)
    heading = f"Fulfil your assignment for {assignment.recipient}"
    return render(
        request,
        "challenges/choose_work.html",
        context_for(request, challenge, form=form, heading=heading),
    )


@login_required
def user_assignments(request: AuthenticatedRequest, login_name: str) -> HttpResponse:
    user = _own(request, login_name)
    given_by_user = Q(offer_signup__pseud__user=user) | Q(pinch_hitter__user=user)
    found = Assignment.objects.filter(given_by_user, sent_at__isnull=False, covered_at=None)
    found = found.select_related("challenge__collection", "request_signup__pseud", "work")
    page = paginate(request, found, per_page=PER_PAGE)
    return render(request, "challenges/user_assignments.html", {"page": page, "profile_user": user})

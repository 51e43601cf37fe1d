"""Prompt memes: claiming a prompt, letting it go, and filling it with a posted work."""

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils.translation import gettext as _

from fanfold.accounts.models import Pseud, User
from fanfold.challenges.models import Challenge, Claim, Prompt, PromptKind
from fanfold.collections.items import work_in
from fanfold.collections.membership import CollectionRefused, is_maintainer
from fanfold.collections.models import CollectionItem
from fanfold.works.models import Work
from fanfold.works.preface import Link
from fanfold.works.visibility import is_creator


class ClaimRefused(Exception):
    """A claim or fill the rules refuse; the message is for the user."""


def claim(prompt: Prompt, pseud: Pseud) -> Claim:
    """Any number of users may claim one prompt, as on AO3, but each only once."""
    if prompt.challenge.is_gift_exchange:
        raise ClaimRefused(_("Only prompt meme prompts can be claimed."))
    try:
        with transaction.atomic():
            return Claim.objects.create(challenge=prompt.challenge, prompt=prompt, pseud=pseud)
    except IntegrityError as error:
        raise ClaimRefused(_("You have already claimed this prompt.")) from error


def unclaim(claim: Claim, user: User) -> None:
    if claim.pseud.user_id != user.pk and not is_maintainer(user, claim.challenge.collection):
        raise ClaimRefused(_("Only the claimant or a maintainer can drop this claim."))
    claim.delete()


def fill(claim: Claim, work: Work, user: User) -> CollectionItem:
    """The claimant's own work fills the prompt and joins the meme's collection."""
    if claim.pseud.user_id != user.pk:
        raise ClaimRefused(_("Only the claimant can fill this claim."))
    if not is_creator(user, work):
        raise ClaimRefused(_("You can only fill a prompt with your own work."))
    collection = claim.challenge.collection
    with transaction.atomic():
        try:
            item = work_in(collection, work, user)
        except CollectionRefused as error:
            raise ClaimRefused(str(error)) from error
        claim.work = work
        claim.save(update_fields=["work"])
    return item


# The states a prompt listing can be filtered by, in AO3's words.
PROMPT_STATES = {
    "": "All prompts",
    "unclaimed": "Unclaimed",
    "claimed": "Claimed",
    "filled": "Filled",
    "unfilled": "Unfilled",
}


def prompts_listing(challenge: Challenge, tag_name: str = "", state: str = "") -> QuerySet[Prompt]:
    prompts = Prompt.objects.filter(challenge=challenge, kind=PromptKind.REQUEST)
    if tag_name:
        prompts = prompts.filter(tags__name__iexact=tag_name.strip())
    claims = Claim.objects.filter(prompt=OuterRef("pk"))
    fills = claims.filter(work__posted=True)
    if state == "unclaimed":
        prompts = prompts.filter(~Exists(claims))
    elif state == "claimed":
        prompts = prompts.filter(Exists(claims))
    elif state == "filled":
        prompts = prompts.filter(Exists(fills))
    elif state == "unfilled":
        prompts = prompts.filter(~Exists(fills))
    return (
        prompts.order_by("-created_at", "-id")
        .select_related("signup__pseud__user")
        .prefetch_related("tags", "claims__pseud", "claims__work")
    )


def prompt_links(work: Work) -> list[Link]:
    """AO3's "In response to a prompt by …" line on a filled work (anonymous prompts stay so)."""
    links = []
    fills = Claim.objects.filter(work=work).select_related(
        "prompt__signup__pseud", "challenge__collection"
    )
    for fill_claim in fills:
        prompt = fill_claim.prompt
        author = "Anonymous" if prompt.anonymous else str(prompt.signup.pseud)
        links.append(
            Link(
                f"a prompt by {author} in {prompt.challenge.collection.title}",
                prompt.get_absolute_url(),
            )
        )
    return links

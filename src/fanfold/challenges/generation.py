"""Potential matches and assignments for a gift exchange, from its sign-ups in the database."""

from collections import defaultdict

import numpy as np
from django.db import transaction
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from fanfold.accounts.models import User
from fanfold.challenges import matching
from fanfold.challenges.models import Assignment, Challenge, PotentialMatch, Prompt, PromptKind
from fanfold.collections.membership import CollectionRefused, is_maintainer
from fanfold.moderation.audit import record

# Potential matches kept per recipient for the moderators' page, best first (AO3 keeps a
# capped number too); the assignment itself is chosen from all of them.
SHOWN_PER_RECIPIENT = 20
BATCH = 5_000


def match_settings(challenge: Challenge) -> matching.MatchSettings:
    required = {tag_type: int(count) for tag_type, count in challenge.match_tags.items()}
    return matching.MatchSettings(required_tags=required, required_prompts=challenge.match_prompts)


def engine_prompts(challenge: Challenge, kind: str, signup_ids=None) -> list[matching.Prompt]:
    """The challenge's prompts of one kind as the engine reads them; a synonym counts as its
    canonical tag, so "Sherlock Holmes" and its synonym match."""
    prompts = Prompt.objects.filter(challenge=challenge, kind=kind)
    if signup_ids is not None:
        prompts = prompts.filter(signup_id__in=signup_ids)
    tags: dict[int, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
    links = Prompt.tags.through.objects.filter(prompt__in=prompts).values_list(
        "prompt_id", "tag__type", Coalesce("tag__merger_id", "tag_id")
    )
    for prompt_id, tag_type, tag_id in links.iterator(chunk_size=BATCH):
        tags[prompt_id][tag_type].add(tag_id)
    return [
        matching.Prompt(
            signup=signup_id,
            tags={t: frozenset(ids) for t, ids in tags[prompt_id].items()},
            any_types=frozenset(any_types),
        )
        for prompt_id, signup_id, any_types in prompts.values_list("id", "signup_id", "any_types")
    ]


def compute(challenge: Challenge, signup_ids=None) -> matching.PotentialMatches:
    return matching.potential_matches(
        engine_prompts(challenge, PromptKind.REQUEST, signup_ids),
        engine_prompts(challenge, PromptKind.OFFER, signup_ids),
        match_settings(challenge),
    )


def signups_match(challenge: Challenge, request_signup_id: int, offer_signup_id: int) -> bool:
    """Whether one sign-up may give to another, by the same rules as the whole exchange."""
    found = compute(challenge, {request_signup_id, offer_signup_id})
    if found.everyone:
        return request_signup_id != offer_signup_id
    pairs = zip(found.request_signups.tolist(), found.offer_signups.tolist(), strict=True)
    return (request_signup_id, offer_signup_id) in set(pairs)


def generate_matches(challenge: Challenge, actor: User) -> int:
    """Replaces the potential matches and unsent assignments with fresh ones; returns how many
    sign-ups got a giver. Refused once assignments are sent (AO3 asks for a purge first)."""
    if not is_maintainer(actor, challenge.collection):
        raise CollectionRefused(_("Only the challenge's maintainers can generate matches."))
    if challenge.assignments_sent_at:
        raise CollectionRefused(_("Assignments have been sent; purge them before matching again."))
    signup_ids = list(challenge.signups.values_list("pk", flat=True))
    found = compute(challenge)
    givers = matching.assign(signup_ids, found)
    with transaction.atomic():
        PotentialMatch.objects.filter(challenge=challenge).delete()
        Assignment.objects.filter(challenge=challenge).delete()
        _store_potential_matches(challenge, found, givers)
        _store_assignments(challenge, signup_ids, givers)
        record(actor, "generated matches", challenge.collection, note=f"{len(signup_ids)} sign-ups")
    return sum(giver is not None for giver in givers.values())


def _store_potential_matches(challenge, found, givers) -> None:
    if found.everyone:
        return
    order = np.lexsort((-_comparable(found.tags_matched), found.request_signups))
    recipients, offers = found.request_signups[order], found.offer_signups[order]
    # Each row's rank among its recipient's matches, best first, without a Python loop.
    first_of_recipient = np.r_[0, np.flatnonzero(recipients[1:] != recipients[:-1]) + 1]
    starts = np.repeat(first_of_recipient, np.diff(np.r_[first_of_recipient, len(recipients)]))
    assigned = np.array(sorted(givers), dtype=np.int64)
    giver_of = np.array([givers[r] or -1 for r in assigned.tolist()], dtype=np.int64)
    chosen = giver_of[np.searchsorted(assigned, recipients)]
    keep = order[(np.arange(len(order)) - starts < SHOWN_PER_RECIPIENT) | (offers == chosen)]
    PotentialMatch.objects.bulk_create(
        (
            PotentialMatch(
                challenge=challenge,
                request_signup_id=int(found.request_signups[index]),
                offer_signup_id=int(found.offer_signups[index]),
                prompts_matched=int(found.prompts_matched[index]),
                tags_matched=int(found.tags_matched[index]),
            )
            for index in keep.tolist()
        ),
        batch_size=BATCH,
    )


def _comparable(tags_matched: np.ndarray) -> np.ndarray:
    return np.where(tags_matched == matching.ALL, 1 << 30, tags_matched)


def _store_assignments(challenge, signup_ids, givers) -> None:
    """One assignment per recipient, and one with no recipient for each giver left over, so the
    moderators see everyone who still needs a match (AO3's placeholders)."""
    rows = [
        Assignment(challenge=challenge, request_signup_id=recipient, offer_signup_id=giver)
        for recipient, giver in givers.items()
    ]
    used = {giver for giver in givers.values() if giver is not None}
    rows += [
        Assignment(challenge=challenge, offer_signup_id=signup_id)
        for signup_id in signup_ids
        if signup_id not in used
    ]
    Assignment.objects.bulk_create(rows, batch_size=BATCH)

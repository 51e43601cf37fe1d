"""The matching engine against an oracle written here from AO3's rules as prose: small random
exchanges, their potential matches pair by pair, and an assignment as large as the largest one
a brute force over every permutation finds."""

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from fanfold.challenges.matching import MatchSettings, Prompt, assign, potential_matches

EVERY = -1
TYPES = ("Fandom", "Character")
# Few tags per type, so that random prompts often share some.
TAG_POOLS = {"Fandom": range(1, 4), "Character": range(10, 15)}


def prompt_for(signup: int):
    tag_lists = st.fixed_dictionaries(
        {t: st.frozensets(st.sampled_from(TAG_POOLS[t]), max_size=3) for t in TYPES}
    )
    any_types = st.frozensets(st.sampled_from(TYPES), max_size=1)
    return st.builds(Prompt, signup=st.just(signup), tags=tag_lists, any_types=any_types)


@st.composite
def exchanges(draw):
    signups = draw(st.integers(min_value=2, max_value=6))
    requests, offers = [], []
    for signup in range(1, signups + 1):
        requests += draw(st.lists(prompt_for(signup), min_size=1, max_size=2))
        offers += draw(st.lists(prompt_for(signup), min_size=1, max_size=2))
    required = st.sampled_from([EVERY, 0, 1, 2])
    rules = MatchSettings(
        required_tags={t: draw(required) for t in TYPES},
        required_prompts=draw(st.sampled_from([EVERY, 1, 2])),
    )
    return signups, requests, offers, rules


def type_matches(request: Prompt, offer: Prompt, tag_type: str, required: int) -> bool:
    """AO3: "any" on either side matches; a request with no tags of the type is covered by any
    offer; otherwise "All" needs every requested tag offered, and a count needs that many
    shared tags (or every requested one)."""
    if required == 0 or tag_type in request.any_types | offer.any_types:
        return True
    wanted = request.tags.get(tag_type, frozenset())
    shared = wanted & offer.tags.get(tag_type, frozenset())
    if shared == wanted:
        return True
    return required != EVERY and len(shared) >= required


def oracle_potential_matches(signups, requests, offers, rules) -> set[tuple[int, int]]:
    pairs = set()
    for recipient, giver in itertools.permutations(range(1, signups + 1), 2):
        mine = [r for r in requests if r.signup == recipient]
        theirs = [o for o in offers if o.signup == giver]
        matched = sum(
            any(all(type_matches(r, o, t, rules.required_tags[t]) for t in TYPES) for o in theirs)
            for r in mine
        )
        needed = len(mine) if rules.required_prompts == EVERY else rules.required_prompts
        # A pair needs at least one matching prompt pair, whatever the count asks.
        if matched and matched >= needed:
            pairs.add((recipient, giver))
    return pairs


def largest_assignment(signups: int, pairs: set[tuple[int, int]]) -> int:
    people = range(1, signups + 1)
    return max(
        sum((recipient, giver) in pairs for recipient, giver in zip(people, order, strict=True))
        for order in itertools.permutations(people)
    )


def everyone_matches(rules: MatchSettings) -> bool:
    return all(count == 0 for count in rules.required_tags.values())


@settings(max_examples=200, deadline=None)
@given(exchanges())
def test_potential_matches_are_the_pairs_ao3s_rules_allow(exchange):
    signups, requests, offers, rules = exchange
    matches = potential_matches(requests, offers, rules)
    if everyone_matches(rules):
        assert matches.everyone
        return
    found = set(zip(matches.request_signups.tolist(), matches.offer_signups.tolist(), strict=True))
    assert found == oracle_potential_matches(signups, requests, offers, rules)


@settings(max_examples=200, deadline=None)
@given(exchanges())
def test_assignment_is_as_large_as_any_and_uses_only_potential_matches(exchange):
    signups, requests, offers, rules = exchange
    assignment = assign(range(1, signups + 1), potential_matches(requests, offers, rules))
    allowed = (
        set(itertools.permutations(range(1, signups + 1), 2))
        if everyone_matches(rules)
        else oracle_potential_matches(signups, requests, offers, rules)
    )
    given_pairs = [(r, g) for r, g in assignment.items() if g is not None]
    assert set(given_pairs) <= allowed
    givers = [giver for _, giver in given_pairs]
    assert len(givers) == len(set(givers)), "someone gives twice"
    assert sorted(assignment) == list(range(1, signups + 1))
    assert len(given_pairs) == largest_assignment(signups, allowed)

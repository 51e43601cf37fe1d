"""Gift exchange matching: which sign-ups may give to which (AO3's rules), and the assignment
that gives the most participants a gift (a maximum bipartite matching).

Plain data in, numpy arrays out: no models, so the benchmark and the tests drive it directly.
Candidate pairs come from the tags that must match (a sparse product over one tag type), never
from checking every request against every offer.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy import sparse
from scipy.sparse.csgraph import maximum_bipartite_matching

# AO3's "All": every requested tag of the type is offered (or, for prompts, every request matched).
ALL = -1
# Stands in for ALL where match qualities are compared, so that ALL beats any count.
_ALL_RANK = np.int64(1 << 30)


@dataclass(frozen=True)
class Prompt:
    """One request or offer of a sign-up: its tag ids by tag type, and the types left as "any"."""

    signup: int
    tags: Mapping[str, frozenset[int]] = field(default_factory=dict)
    any_types: frozenset[str] = frozenset()


@dataclass(frozen=True)
class MatchSettings:
    """AO3's potential match settings: for each tag type, how many tags must match (ALL, or a
    count; a type left out or 0 need not match), and how many of a sign-up's requests must be
    matched by the other sign-up's offers (ALL, or a count of at least 1)."""

    required_tags: Mapping[str, int] = field(default_factory=dict)
    required_prompts: int = 1

    @property
    def required_types(self) -> list[str]:
        return [tag_type for tag_type, count in self.required_tags.items() if count != 0]


@dataclass(frozen=True)
class PotentialMatches:
    """Who may give to whom. `everyone` means no tags need to match: any sign-up may give to any
    other, and the arrays stay empty (3,000 sign-ups would otherwise be 9 million rows)."""

    request_signups: np.ndarray
    offer_signups: np.ndarray
    prompts_matched: np.ndarray
    # The best prompt pair's number of shared tags, or ALL when the offer covers the request.
    tags_matched: np.ndarray
    everyone: bool = False

    def __len__(self) -> int:
        return len(self.request_signups)


class _TagColumns:
    """The prompts' tags of one type as a padded matrix (one row per prompt, -1 fills)."""

    def __init__(self, prompts: Sequence[Prompt], tag_type: str) -> None:
        rows = [sorted(prompt.tags.get(tag_type, ())) for prompt in prompts]
        self.sizes = np.array([len(row) for row in rows], dtype=np.int64)
        width = max(1, int(self.sizes.max(initial=0)))
        self.padded = np.full((len(rows), width), -1, dtype=np.int64)
        for index, row in enumerate(rows):
            self.padded[index, : len(row)] = row
        self.any = np.array([tag_type in prompt.any_types for prompt in prompts], dtype=bool)

    def overlap(self, mine: np.ndarray, other: "_TagColumns", theirs: np.ndarray) -> np.ndarray:
        """How many tags each pair (mine[i], theirs[i]) shares, without a Python loop."""
        left = self.padded[mine][:, :, None]
        right = other.padded[theirs][:, None, :]
        return ((left == right) & (left >= 0)).sum(axis=(1, 2))


def _incidence(columns: _TagColumns, tag_index: Mapping[int, int], rows: np.ndarray):
    """A sparse prompt × tag matrix of the given prompts' tags (other rows left empty)."""
    row_ids, tag_ids = [], []
    for row in rows:
        for tag in columns.padded[row, : columns.sizes[row]]:
            row_ids.append(row)
            tag_ids.append(tag_index[int(tag)])
    data = np.ones(len(row_ids), dtype=np.int32)
    shape = (len(columns.sizes), len(tag_index))
    return sparse.csr_matrix((data, (row_ids, tag_ids)), shape=shape)


def _open_rows(columns: _TagColumns, as_request: bool) -> np.ndarray:
    """Prompts that pass this type against every prompt on the other side: "any", or (for a
    request) no tags of the type at all, which AO3 counts as everything matching."""
    if as_request:
        return columns.any | (columns.sizes == 0)
    return columns.any


def _pair_cost(requests: _TagColumns, offers: _TagColumns) -> int:
    """Roughly how many candidate pairs a type would produce, to pick the most selective one."""
    open_requests = _open_rows(requests, as_request=True)
    open_offers = _open_rows(offers, as_request=False)
    dense = int(open_requests.sum()) * len(offers.sizes) + len(requests.sizes) * int(
        open_offers.sum()
    )
    req_tags = requests.padded[~open_requests].ravel()
    off_tags = offers.padded[~open_offers].ravel()
    tags, req_counts = np.unique(req_tags[req_tags >= 0], return_counts=True)
    off_tags = np.sort(off_tags[off_tags >= 0])
    off_counts = np.searchsorted(off_tags, tags, "right") - np.searchsorted(off_tags, tags, "left")
    shared = int((req_counts * off_counts).sum())
    return dense + shared


def _candidates(requests: _TagColumns, offers: _TagColumns) -> tuple[np.ndarray, np.ndarray]:
    """Every (request, offer) pair that could pass this type: sharing a tag, or open."""
    open_requests = _open_rows(requests, as_request=True)
    open_offers = _open_rows(offers, as_request=False)
    closed_requests = np.flatnonzero(~open_requests)
    closed_offers = np.flatnonzero(~open_offers)
    all_tags = np.concatenate([requests.padded.ravel(), offers.padded.ravel()])
    tag_index = {int(tag): i for i, tag in enumerate(np.unique(all_tags[all_tags >= 0]))}
    shared = (
        _incidence(requests, tag_index, closed_requests)
        @ _incidence(offers, tag_index, closed_offers).T
    ).tocoo()
    offer_count = len(offers.sizes)
    keys = [shared.row.astype(np.int64) * offer_count + shared.col]
    for request in np.flatnonzero(open_requests):
        keys.append(request * offer_count + np.arange(offer_count, dtype=np.int64))
    for offer in np.flatnonzero(open_offers):
        keys.append(np.arange(len(requests.sizes), dtype=np.int64) * offer_count + offer)
    unique = _distinct(np.concatenate(keys))
    return unique // offer_count, unique % offer_count


def _distinct(keys: np.ndarray) -> np.ndarray:
    """Sorted distinct keys; numpy's hashing np.unique was 7x slower on millions of int64."""
    keys = np.sort(keys)
    return keys[_first_of_runs(keys)]


def _passes(
    requests: _TagColumns,
    offers: _TagColumns,
    required: int,
    request_rows: np.ndarray,
    offer_rows: np.ndarray,
) -> np.ndarray:
    """AO3's rule for one tag type, for each candidate pair."""
    shared = requests.overlap(request_rows, offers, offer_rows)
    covers_request = shared == requests.sizes[request_rows]
    enough = covers_request if required == ALL else covers_request | (shared >= required)
    return requests.any[request_rows] | offers.any[offer_rows] | enough


def _tags_matched(
    request_columns: dict[str, _TagColumns],
    offer_columns: dict[str, _TagColumns],
    request_rows: np.ndarray,
    offer_rows: np.ndarray,
) -> np.ndarray:
    """Shared tags over all types per pair, or _ALL_RANK when the offer has all the request's."""
    shared = np.zeros(len(request_rows), dtype=np.int64)
    size = np.zeros(len(request_rows), dtype=np.int64)
    for tag_type, columns in request_columns.items():
        shared += columns.overlap(request_rows, offer_columns[tag_type], offer_rows)
        size += columns.sizes[request_rows]
    return np.where(shared == size, _ALL_RANK, shared)


def _everyone() -> PotentialMatches:
    empty = np.zeros(0, dtype=np.int64)
    return PotentialMatches(empty, empty, empty, empty, everyone=True)


def _nobody() -> PotentialMatches:
    empty = np.zeros(0, dtype=np.int64)
    return PotentialMatches(empty, empty, empty, empty)


def potential_matches(
    requests: Sequence[Prompt], offers: Sequence[Prompt], settings: MatchSettings
) -> PotentialMatches:
    """Every (requesting sign-up, offering sign-up) pair that AO3 would call a potential match."""
    required_types = settings.required_types
    if not required_types:
        return _everyone()
    tag_types = sorted({t for p in [*requests, *offers] for t in p.tags} | set(required_types))
    request_columns = {t: _TagColumns(requests, t) for t in tag_types}
    offer_columns = {t: _TagColumns(offers, t) for t in tag_types}
    driving = min(required_types, key=lambda t: _pair_cost(request_columns[t], offer_columns[t]))
    request_rows, offer_rows = _candidates(request_columns[driving], offer_columns[driving])

    request_signup = np.array([prompt.signup for prompt in requests], dtype=np.int64)
    offer_signup = np.array([prompt.signup for prompt in offers], dtype=np.int64)
    keep = request_signup[request_rows] != offer_signup[offer_rows]
    for tag_type in required_types:
        rows, cols = request_rows[keep], offer_rows[keep]
        required = settings.required_tags[tag_type]
        passing = _passes(request_columns[tag_type], offer_columns[tag_type], required, rows, cols)
        keep[np.flatnonzero(keep)[~passing]] = False
    request_rows, offer_rows = request_rows[keep], offer_rows[keep]
    if not len(request_rows):
        return _nobody()
    quality = _tags_matched(request_columns, offer_columns, request_rows, offer_rows)
    return _per_signup_pair(
        request_signup, request_rows, offer_signup[offer_rows], quality, settings
    )


def _first_of_runs(keys: np.ndarray) -> np.ndarray:
    """Positions where a run of equal keys starts, in an array sorted by key."""
    return np.flatnonzero(np.r_[len(keys) > 0, keys[1:] != keys[:-1]])


def _per_signup_pair(
    request_signup: np.ndarray,
    request_rows: np.ndarray,
    offer_signups: np.ndarray,
    quality: np.ndarray,
    settings: MatchSettings,
) -> PotentialMatches:
    """One potential match per sign-up pair with enough matched requests: how many of the
    requests some offer of the other sign-up matched, and the best prompt pair's quality."""
    offer_ids = np.unique(offer_signups)
    # One row per (request prompt, offering sign-up), keeping its best quality: a request
    # counts once however many of the sign-up's offers match it.
    per_request = request_rows * len(offer_ids) + np.searchsorted(offer_ids, offer_signups)
    order = np.lexsort((-quality, per_request))
    firsts = order[_first_of_runs(per_request[order])]
    request_rows, offer_signups, quality = (
        request_rows[firsts],
        offer_signups[firsts],
        quality[firsts],
    )

    signups, requests_per_signup = np.unique(request_signup, return_counts=True)
    recipient = np.searchsorted(signups, request_signup[request_rows])
    pair = recipient * len(offer_ids) + np.searchsorted(offer_ids, offer_signups)
    order = np.lexsort((-quality, pair))
    pair, quality = pair[order], quality[order]
    starts = _first_of_runs(pair)
    counts = np.diff(np.r_[starts, len(pair)])
    keys, best = pair[starts], quality[starts]
    needed = (
        requests_per_signup[keys // len(offer_ids)]
        if settings.required_prompts == ALL
        else settings.required_prompts
    )
    valid = counts >= needed
    keys = keys[valid]
    return PotentialMatches(
        request_signups=signups[keys // len(offer_ids)],
        offer_signups=offer_ids[keys % len(offer_ids)],
        prompts_matched=counts[valid],
        tags_matched=np.where(best[valid] == _ALL_RANK, ALL, best[valid]),
    )


def assign(signups: Sequence[int], matches: PotentialMatches) -> dict[int, int | None]:
    """Each requesting sign-up's giver (None when no giver can be found), chosen so that as many
    sign-ups as possible receive a gift and each sign-up gives at most one."""
    ids = np.array(sorted(set(signups)), dtype=np.int64)
    if matches.everyone:
        return _one_cycle(ids)
    rows = np.searchsorted(ids, matches.request_signups)
    cols = np.searchsorted(ids, matches.offer_signups)
    graph = sparse.csr_matrix(
        (np.ones(len(rows), dtype=np.int8), (rows, cols)), shape=(len(ids), len(ids))
    )
    giver_of = maximum_bipartite_matching(graph, perm_type="column")
    return {
        int(recipient): (int(ids[giver]) if giver >= 0 else None)
        for recipient, giver in zip(ids, giver_of, strict=True)
    }


def _one_cycle(ids: np.ndarray) -> dict[int, int | None]:
    """With no tags to match, everyone gives to the next person in a shuffled circle."""
    if len(ids) < 2:
        return {int(signup): None for signup in ids}
    circle = np.random.default_rng().permutation(ids)
    return {
        int(recipient): int(giver)
        for recipient, giver in zip(circle, np.roll(circle, 1), strict=True)
    }

"""Gift exchange matching for 100, 1,000 and 3,000 sign-ups: Fanfold beside a greedy baseline.

Two exchange shapes: Yuletide's (1,500 fandoms with Zipf popularity) and a small tag set
(60 fandoms, where a full matching usually exists). In both, each sign-up likes a few
fandoms and makes 2-3 requests and 2-4 offers in them (one fandom, 1-4 characters; a third of
offers take "any" character); a fandom and a character must match. Measured in the same run:
- **greedy**, AO3's assignment: recipients with the fewest potential givers go first, each
  takes its best-ranked free giver;
- **Fanfold**: potential matches from a sparse tag product (`challenges.matching`), then a
  maximum bipartite matching by scipy's Hopcroft-Karp;
- the same graph through networkx's Hopcroft-Karp and maximum flow, for the solver choice.
`--no-networkx` skips the networkx solvers (they take minutes at 3,000). `--database` instead
times the whole path a maintainer's click takes (`challenges.generation.generate_matches`:
reading the sign-ups from an embedded SQLite database, matching, storing potential matches and
assignments) on the Yuletide shape, in a throwaway data folder.
"""

import argparse
import os
import random
import time

import networkx as nx
import numpy as np

from fanfold.challenges.matching import ALL, MatchSettings, Prompt, assign, potential_matches

# Yuletide-shaped (many rare fandoms) and a small tag set where a full matching is likely.
SHAPES = {"1,500 fandoms": 1_500, "60 fandoms": 60}
SETTINGS = MatchSettings(required_tags={"Fandom": 1, "Character": 1}, required_prompts=1)


def exchange(participants: int, fandoms: int, seed: int = 7) -> tuple[list[Prompt], list[Prompt]]:
    rng = random.Random(seed)
    weights = [1 / (rank + 1) for rank in range(fandoms)]
    characters = {fandom: rng.randint(3, 15) for fandom in range(fandoms)}

    def prompt(signup: int, fandom: int, any_character: bool) -> Prompt:
        cast = [100_000 + fandom * 100 + c for c in range(characters[fandom])]
        chosen = frozenset(rng.sample(cast, rng.randint(1, min(4, len(cast)))))
        if any_character:
            return Prompt(signup, {"Fandom": frozenset({fandom})}, frozenset({"Character"}))
        return Prompt(signup, {"Fandom": frozenset({fandom}), "Character": chosen})

    requests, offers = [], []
    for signup in range(1, participants + 1):
        liked = rng.choices(range(fandoms), weights=weights, k=rng.randint(3, 6))
        for _ in range(rng.randint(2, 3)):
            requests.append(prompt(signup, rng.choice(liked), any_character=False))
        for _ in range(rng.randint(2, 4)):
            offers.append(prompt(signup, rng.choice(liked), any_character=rng.random() < 0.33))
    return requests, offers


def greedy(signups: list[int], matches) -> dict[int, int]:
    """AO3's assignment: fewest options first, each recipient takes its best free giver."""
    givers: dict[int, list[tuple[int, int]]] = {signup: [] for signup in signups}
    for recipient, giver, quality in zip(
        matches.request_signups, matches.offer_signups, matches.tags_matched, strict=True
    ):
        givers[int(recipient)].append((1 << 30 if quality == ALL else int(quality), int(giver)))
    taken: set[int] = set()
    assigned = {}
    rng = random.Random(1)
    order = sorted(signups, key=lambda signup: (len(givers[signup]), rng.random()))
    for recipient in order:
        for _, giver in sorted(givers[recipient], reverse=True):
            if giver not in taken:
                taken.add(giver)
                assigned[recipient] = giver
                break
    return assigned


def networkx_solvers(signups: list[int], matches) -> dict[str, tuple[float, int]]:
    graph = nx.DiGraph()
    recipients = [("r", s) for s in signups]
    graph.add_nodes_from(recipients, bipartite=0)
    graph.add_nodes_from((("g", s) for s in signups), bipartite=1)
    graph.add_edges_from(
        (("r", int(r)), ("g", int(g)))
        for r, g in zip(matches.request_signups, matches.offer_signups, strict=True)
    )
    undirected = graph.to_undirected()
    start = time.perf_counter()
    matching = nx.bipartite.hopcroft_karp_matching(undirected, top_nodes=recipients)
    hopcroft = (time.perf_counter() - start, sum(1 for node in matching if node[0] == "r"))

    flow = graph.copy()
    flow.add_edges_from(("source", r) for r in recipients)
    flow.add_edges_from((("g", s), "sink") for s in signups)
    nx.set_edge_attributes(flow, 1, "capacity")
    start = time.perf_counter()
    value = nx.maximum_flow_value(flow, "source", "sink")
    return {
        "networkx Hopcroft-Karp": hopcroft,
        "networkx max flow": (time.perf_counter() - start, int(value)),
    }


def row(participants: int, method: str, seconds: float, count: int, notes: str = "") -> None:
    coverage = f"{count / participants:.1%}" if method != "potential matches" else "-"
    print(f"{participants:>8} {method:<24} {seconds:>8.3f} {count:>9} {coverage:>8}  {notes}")


def measure(participants: int, fandoms: int, with_networkx: bool) -> None:
    requests, offers = exchange(participants, fandoms)
    signups = list(range(1, participants + 1))
    start = time.perf_counter()
    matches = potential_matches(requests, offers, SETTINGS)
    generated = time.perf_counter() - start
    start = time.perf_counter()
    greedy_assignment = greedy(signups, matches)
    greedy_seconds = time.perf_counter() - start
    start = time.perf_counter()
    assignment = assign(signups, matches)
    solved = time.perf_counter() - start
    assigned = sum(giver is not None for giver in assignment.values())
    receivable = len(np.unique(matches.request_signups))
    row(
        participants,
        "potential matches",
        generated,
        len(matches),
        f"pairs; {receivable} sign-ups have some possible giver",
    )
    row(
        participants,
        "greedy (AO3)",
        generated + greedy_seconds,
        len(greedy_assignment),
        f"greedy alone {greedy_seconds:.3f} s",
    )
    row(
        participants,
        "Fanfold (scipy HK)",
        generated + solved,
        assigned,
        f"solver alone {solved:.3f} s",
    )
    if with_networkx:
        for name, (seconds, count) in networkx_solvers(signups, matches).items():
            row(participants, name, seconds, count, "solver alone")


def measure_database(participants: int) -> None:
    """Sign-ups written straight into a fresh database, then one generate_matches call."""
    import tempfile

    os.environ.update(FANFOLD_DATA_DIR=tempfile.mkdtemp(prefix="fanfold-bench-"), DATABASE_URL="")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fanfold.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from fanfold.accounts.models import Pseud, User
    from fanfold.challenges.generation import generate_matches
    from fanfold.challenges.models import Challenge, PromptKind, Signup
    from fanfold.challenges.models import Prompt as PromptRow
    from fanfold.collections.membership import create_collection
    from fanfold.collections.models import Collection
    from fanfold.tags.models import Tag

    call_command("migrate", verbosity=0)
    owner = User.objects.create(username="bench_owner")
    collection = create_collection(
        Collection(name="Bench_Swap", title="Bench Swap"), owner.default_pseud
    )
    challenge = Challenge.objects.create(
        collection=collection, kind="gift_exchange", match_tags=dict(SETTINGS.required_tags)
    )
    requests, offers = exchange(participants, 1_500)
    tag_ids = {
        (tag_type, tag): Tag.objects.create(name=f"{tag_type} {tag}", type=tag_type).pk
        for tag_type, tag in {
            (t, tag) for p in requests + offers for t, ids in p.tags.items() for tag in ids
        }
    }
    users = User.objects.bulk_create(
        User(username=f"bench{n}", email=f"bench{n}@example.org") for n in range(participants)
    )
    pseuds = Pseud.objects.bulk_create(
        Pseud(user=user, name=user.username, is_default=True) for user in users
    )
    signups = Signup.objects.bulk_create(
        Signup(challenge=challenge, pseud=pseud) for pseud in pseuds
    )
    rows, links = [], []
    for kind, prompts in ((PromptKind.REQUEST, requests), (PromptKind.OFFER, offers)):
        for prompt in prompts:
            rows.append(
                PromptRow(
                    challenge=challenge,
                    signup=signups[prompt.signup - 1],
                    kind=kind,
                    any_types=sorted(prompt.any_types),
                )
            )
            links.append([tag_ids[t, tag] for t, ids in prompt.tags.items() for tag in ids])
    rows = PromptRow.objects.bulk_create(rows, batch_size=5_000)
    through = PromptRow.tags.through
    through.objects.bulk_create(
        (
            through(prompt_id=row.pk, tag_id=tag)
            for row, tags in zip(rows, links, strict=True)
            for tag in tags
        ),
        batch_size=5_000,
    )
    start, cpu = time.perf_counter(), time.process_time()
    given = generate_matches(challenge, owner)
    notes = f"read, match, store; {time.process_time() - cpu:.1f} s CPU in this process"
    row(participants, "whole path, SQLite", time.perf_counter() - start, given, notes)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--no-networkx", action="store_true")
    parser.add_argument("--sizes", default="100,1000,3000")
    parser.add_argument("--database", action="store_true")
    options = parser.parse_args()
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    header = f"{'sign-ups':>8} {'method':<24} {'seconds':>8} {'assigned':>9} {'coverage':>8}  notes"
    print(header)
    print("-" * len(header))
    sizes = [int(size) for size in options.sizes.split(",")]
    if options.database:
        print("-- 1,500 fandoms, through the database")
        measure_database(max(sizes))
        return
    for shape, fandoms in SHAPES.items():
        print(f"-- {shape}")
        for participants in sizes:
            measure(participants, fandoms, with_networkx=not options.no_networkx)


if __name__ == "__main__":
    main()

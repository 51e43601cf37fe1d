"""Demo challenges for `fanfold demo`: a small gift exchange matched and sent, and a prompt
meme with a claim. Original all-ages prompts; loading twice changes nothing."""

import datetime

from django.db import transaction
from django.utils import timezone

from fanfold.accounts.models import User
from fanfold.challenges.assignments import send_assignments
from fanfold.challenges.claims import claim
from fanfold.challenges.generation import generate_matches
from fanfold.challenges.models import Challenge, ChallengeKind
from fanfold.challenges.signups import PromptInput, save_signup
from fanfold.collections.membership import create_collection
from fanfold.collections.models import Collection
from fanfold.tags.models import TagType
from fanfold.tagsets.nominating import add_tags, create_tag_set

EXCHANGE = "Winter_Lanterns_2026"
MEME = "Tea_and_Prompts"
# Participant -> (requested fandom, offered fandom): a ring, so everyone gets a gift.
SIGNUPS = {
    "ink_and_ivy": (
        "The Wind in the Willows - Kenneth Grahame",
        "Little Women - Louisa May Alcott",
    ),
    "moorland_reader": ("Little Women - Louisa May Alcott", "Pride and Prejudice - Jane Austen"),
    "teacup_archivist": ("Pride and Prejudice - Jane Austen", "The Lanternkeepers (Original Work)"),
    "lanternlight": (
        "The Lanternkeepers (Original Work)",
        "The Wind in the Willows - Kenneth Grahame",
    ),
}
PROMPTS = [
    ("riverbank_scribe", "Alice in Wonderland - Lewis Carroll", "The Hatter hosts a quiet tea"),
    ("lanternlight", "The Wind in the Willows - Kenneth Grahame", "Mole learns to row at night"),
    ("moorland_reader", "Little Women - Louisa May Alcott", "Beth's piano, years later"),
]
ONE_OF = {"required": 1, "allowed": 1, "any": False}


def load_demo_challenges(owner: User) -> None:
    if Collection.objects.filter(name__in=[EXCHANGE, MEME]).exists():
        return
    with transaction.atomic():
        _gift_exchange(owner)
        _prompt_meme(owner)


def _gift_exchange(owner: User) -> None:
    collection = create_collection(
        Collection(name=EXCHANGE, title="Winter Lanterns 2026", unrevealed=True, anonymous=True),
        owner.default_pseud,
    )
    tag_set = create_tag_set(
        owner.default_pseud,
        title="Winter Lanterns Fandoms",
        nominated=True,
        fandom_nomination_limit=2,
    )
    add_tags(tag_set, TagType.FANDOM, {fandom for pair in SIGNUPS.values() for fandom in pair})
    now = timezone.now()
    challenge = Challenge.objects.create(
        collection=collection,
        kind=ChallengeKind.GIFT_EXCHANGE,
        time_zone="Europe/London",
        signup_open=True,
        signups_close_at=now + datetime.timedelta(days=14),
        request_limits={TagType.FANDOM: ONE_OF},
        offer_limits={TagType.FANDOM: ONE_OF},
        match_tags={TagType.FANDOM: 1},
        assignments_due_at=now + datetime.timedelta(days=45),
        works_reveal_at=now + datetime.timedelta(days=50),
        creators_reveal_at=now + datetime.timedelta(days=57),
    )
    challenge.tag_sets.add(tag_set)
    for username, (requested, offered) in SIGNUPS.items():
        prompts = [
            PromptInput(
                "request", {TagType.FANDOM: [requested]}, description="Something cosy, please."
            ),
            PromptInput("offer", {TagType.FANDOM: [offered]}),
        ]
        save_signup(challenge, User.objects.get(username=username).default_pseud, prompts)
    generate_matches(challenge, owner)
    send_assignments(challenge, owner)


def _prompt_meme(owner: User) -> None:
    collection = create_collection(
        Collection(name=MEME, title="Tea and Prompts"), owner.default_pseud
    )
    challenge = Challenge.objects.create(
        collection=collection,
        kind=ChallengeKind.PROMPT_MEME,
        signup_open=True,
        requests_num_allowed=3,
        offers_num_required=0,
        offers_num_allowed=0,
        request_limits={TagType.FANDOM: ONE_OF},
    )
    for username, fandom, title in PROMPTS:
        prompt = PromptInput("request", {TagType.FANDOM: [fandom]}, title=title)
        signup = save_signup(challenge, User.objects.get(username=username).default_pseud, [prompt])
    claim(signup.prompts.get(), User.objects.get(username="ink_and_ivy").default_pseud)

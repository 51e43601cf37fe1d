"""A gift exchange and a prompt meme in collections, with a few fandoms and characters."""

import datetime

import pytest
from django.utils import timezone

from fanfold.challenges.models import Challenge, ChallengeKind
from fanfold.tags.models import Tag, TagType
from tests.collections.conftest import make_collection

FANDOMS = ("Lighthouse Keepers (Radio)", "Moth Island (Comics)", "Paper Boats (Film)")
CHARACTERS = ("Ada Lamp", "Moss the Moth", "Captain Fold")
OPEN_RULE = {"required": 0, "allowed": 2, "any": True}


@pytest.fixture
def tags(db):
    made = {
        name: Tag.objects.create(name=name, type=TagType.FANDOM, canonical=True) for name in FANDOMS
    }
    for name in CHARACTERS:
        made[name] = Tag.objects.create(name=name, type=TagType.CHARACTER, canonical=True)
    return made


@pytest.fixture
def gift_exchange(maintainer, tags):
    """Sign-ups open now: one request and one offer each, 1-2 fandoms that must match once."""
    collection = make_collection(maintainer, "Winter_Swap", unrevealed=True, anonymous=True)
    limits = {
        TagType.FANDOM: {"required": 1, "allowed": 2, "any": False},
        TagType.CHARACTER: OPEN_RULE,
    }
    return Challenge.objects.create(
        collection=collection,
        kind=ChallengeKind.GIFT_EXCHANGE,
        time_zone="America/New_York",
        signup_open=True,
        signups_close_at=timezone.now() + datetime.timedelta(days=7),
        request_limits=limits,
        offer_limits=limits,
        match_tags={TagType.FANDOM: 1},
        match_prompts=1,
        assignments_due_at=timezone.now() + datetime.timedelta(days=30),
    )


@pytest.fixture
def prompt_meme(maintainer, tags):
    collection = make_collection(maintainer, "Tiny_Prompts")
    limits = {
        TagType.FANDOM: {"required": 1, "allowed": 1, "any": False},
        TagType.CHARACTER: OPEN_RULE,
    }
    return Challenge.objects.create(
        collection=collection,
        kind=ChallengeKind.PROMPT_MEME,
        signup_open=True,
        requests_num_required=1,
        requests_num_allowed=2,
        offers_num_required=0,
        offers_num_allowed=0,
        request_limits=limits,
    )


def signup_data(request_fandoms: str, offer_fandoms: str = "", **extra) -> dict:
    """The sign-up form as a participant fills it in."""
    data = {"request-1-fandom": request_fandoms, "offer-1-fandom": offer_fandoms}
    data.update({key.replace("__", "-"): value for key, value in extra.items()})
    return data

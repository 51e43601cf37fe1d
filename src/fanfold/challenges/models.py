"""A collection's challenge, its sign-ups and prompts, matches, assignments and claims."""

import datetime
import zoneinfo

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fanfold.accounts.models import Pseud, known_time_zone
from fanfold.collections.models import Collection, CollectionItem
from fanfold.tags.models import Tag, TagType
from fanfold.tagsets.models import OwnedTagSet
from fanfold.works.models import Work

# The types a prompt can carry, in the order AO3's sign-up form shows them.
PROMPT_TAG_TYPES = (
    TagType.FANDOM,
    TagType.CHARACTER,
    TagType.RELATIONSHIP,
    TagType.RATING,
    TagType.CATEGORY,
    TagType.WARNING,
    TagType.FREEFORM,
)


class ChallengeKind(models.TextChoices):
    GIFT_EXCHANGE = "gift_exchange", _("Gift Exchange")
    PROMPT_MEME = "prompt_meme", _("Prompt Meme")


class Challenge(models.Model):
    """AO3's GiftExchange or PromptMeme with its prompt restrictions and match settings.

    `request_limits` and `offer_limits` map a tag type to {"required": n, "allowed": m,
    "any": bool}; `match_tags` maps a tag type to how many tags must match (-1 for all).
    """

    collection = models.OneToOneField(
        Collection, on_delete=models.CASCADE, related_name="challenge"
    )
    kind = models.CharField(max_length=20, choices=ChallengeKind.choices)
    time_zone = models.CharField(max_length=64, default="UTC", validators=[known_time_zone])
    signup_open = models.BooleanField(_("Sign-up open?"), default=False)
    signups_open_at = models.DateTimeField(_("Sign-ups open"), null=True, blank=True)
    signups_close_at = models.DateTimeField(_("Sign-ups close"), null=True, blank=True)
    signup_instructions = models.TextField(blank=True)
    requests_num_required = models.PositiveSmallIntegerField(default=1)
    requests_num_allowed = models.PositiveSmallIntegerField(default=1)
    offers_num_required = models.PositiveSmallIntegerField(default=1)
    offers_num_allowed = models.PositiveSmallIntegerField(default=1)
    request_limits = models.JSONField(default=dict, blank=True)
    offer_limits = models.JSONField(default=dict, blank=True)
    # Prompts' tags of the types these sets hold must come from them (AO3's tag set restriction).
    tag_sets = models.ManyToManyField(OwnedTagSet, blank=True, related_name="challenges")
    match_tags = models.JSONField(default=dict, blank=True)
    match_prompts = models.SmallIntegerField(_("Requests that must match"), default=1)
    requests_summary_visible = models.BooleanField(default=False)
    assignments_due_at = models.DateTimeField(_("Assignments due"), null=True, blank=True)
    works_reveal_at = models.DateTimeField(_("Works revealed"), null=True, blank=True)
    creators_reveal_at = models.DateTimeField(_("Creators revealed"), null=True, blank=True)
    # Bookkeeping, each set once by the step it names.
    assignments_sent_at = models.DateTimeField(null=True, blank=True)
    works_revealed_at = models.DateTimeField(null=True, blank=True)
    creators_revealed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["works_reveal_at"], name="challenge_works_reveal_idx"),
            models.Index(fields=["assignments_due_at"], name="challenge_due_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} in {self.collection}"

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def is_gift_exchange(self) -> bool:
        return self.kind == ChallengeKind.GIFT_EXCHANGE

    def signups_are_open(self, now: datetime.datetime | None = None) -> bool:
        now = now or timezone.now()
        if not self.signup_open:
            return False
        if self.signups_open_at and now < self.signups_open_at:
            return False
        return not (self.signups_close_at and now >= self.signups_close_at)

    def limits_for(self, kind: str) -> dict[str, dict]:
        return self.offer_limits if kind == PromptKind.OFFER else self.request_limits

    def prompt_range(self, kind: str) -> tuple[int, int]:
        if kind == PromptKind.OFFER:
            return self.offers_num_required, self.offers_num_allowed
        return self.requests_num_required, self.requests_num_allowed


class Signup(models.Model):
    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="signups")
    pseud = models.ForeignKey(Pseud, on_delete=models.CASCADE, related_name="challenge_signups")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["pseud__name", "id"]
        constraints = [
            models.UniqueConstraint("challenge", "pseud", name="one_signup_per_pseud"),
        ]

    def __str__(self) -> str:
        return f"{self.pseud} in {self.challenge.collection}"

    def get_absolute_url(self) -> str:
        return reverse("challenges:signup", args=[self.challenge.collection.name, self.pk])

    def prompts_of(self, kind: str) -> list["Prompt"]:
        return [prompt for prompt in self.prompts.all() if prompt.kind == kind]

    @property
    def requests(self) -> list["Prompt"]:
        return self.prompts_of(PromptKind.REQUEST)

    @property
    def offers(self) -> list["Prompt"]:
        return self.prompts_of(PromptKind.OFFER)


class PromptKind(models.TextChoices):
    REQUEST = "request", _("Request")
    OFFER = "offer", _("Offer")


class Prompt(models.Model):
    """A request or offer of a gift exchange sign-up, or a prompt meme's prompt (a request)."""

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="prompts")
    signup = models.ForeignKey(Signup, on_delete=models.CASCADE, related_name="prompts")
    kind = models.CharField(max_length=10, choices=PromptKind.choices)
    position = models.PositiveSmallIntegerField(default=1)
    title = models.CharField(max_length=255, blank=True)
    description = models.TextField(blank=True)
    url = models.URLField(_("Prompt URL"), max_length=500, blank=True)
    anonymous = models.BooleanField(default=False)
    tags = models.ManyToManyField(Tag, blank=True, related_name="challenge_prompts")
    any_types = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["signup_id", "kind", "position", "id"]
        indexes = [
            models.Index(fields=["challenge", "kind", "-created_at"], name="prompt_list_idx")
        ]

    def __str__(self) -> str:
        return self.title or f"{self.get_kind_display()} {self.position}"

    def get_absolute_url(self) -> str:
        return reverse("challenges:prompt", args=[self.challenge.collection.name, self.pk])

    def tags_of(self, tag_type: str) -> list[Tag]:
        return [tag for tag in self.tags.all() if tag.type == tag_type]

    @property
    def tags_by_type(self) -> list[tuple[str, list[Tag], bool]]:
        """(label, tags, "any") for each type that has tags or "any", in AO3's order."""
        rows = []
        for tag_type in PROMPT_TAG_TYPES:
            tags, any_tag = self.tags_of(tag_type), tag_type in self.any_types
            if tags or any_tag:
                rows.append((str(TagType(tag_type).label), tags, any_tag))
        return rows


class PotentialMatch(models.Model):
    challenge = models.ForeignKey(
        Challenge, on_delete=models.CASCADE, related_name="potential_matches"
    )
    request_signup = models.ForeignKey(Signup, on_delete=models.CASCADE, related_name="+")
    offer_signup = models.ForeignKey(Signup, on_delete=models.CASCADE, related_name="+")
    prompts_matched = models.PositiveSmallIntegerField()
    # How many tags the best prompt pair shares; -1 when the offer has all the request's.
    tags_matched = models.SmallIntegerField()

    class Meta:
        ordering = ["request_signup", "-tags_matched", "id"]
        indexes = [
            models.Index(fields=["challenge", "request_signup"], name="potential_match_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.offer_signup.pseud} could give to {self.request_signup.pseud}"


class Assignment(models.Model):
    """A giver (a sign-up's offer, or a pinch hitter) owes a recipient's sign-up a work."""

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="assignments")
    request_signup = models.ForeignKey(
        Signup, null=True, blank=True, on_delete=models.SET_NULL, related_name="assignments_in"
    )
    offer_signup = models.ForeignKey(
        Signup, null=True, blank=True, on_delete=models.SET_NULL, related_name="assignments_out"
    )
    pinch_hitter = models.ForeignKey(
        Pseud, null=True, blank=True, on_delete=models.SET_NULL, related_name="pinch_hits"
    )
    work = models.ForeignKey(
        Work, null=True, blank=True, on_delete=models.SET_NULL, related_name="assignments"
    )
    sent_at = models.DateTimeField(null=True, blank=True)
    defaulted_at = models.DateTimeField(null=True, blank=True)
    covered_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["request_signup__pseud__name", "id"]

    def __str__(self) -> str:
        return f"{self.giver or '- none -'} → {self.recipient or '- none -'}"

    def get_absolute_url(self) -> str:
        return reverse("challenges:assignment", args=[self.challenge.collection.name, self.pk])

    @property
    def giver(self) -> Pseud | None:
        return self.pinch_hitter or (self.offer_signup.pseud if self.offer_signup else None)

    @property
    def recipient(self) -> Pseud | None:
        return self.request_signup.pseud if self.request_signup else None

    @property
    def is_fulfilled(self) -> bool:
        """AO3: a posted work, approved on both sides in the challenge's collection."""
        if self.work is None or not self.work.posted:
            return False
        items = CollectionItem.objects.approved()
        return items.filter(collection_id=self.challenge.collection_id, work=self.work).exists()


class Claim(models.Model):
    """A prompt meme prompt claimed by a user; the fill is the work they post for it."""

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="claims")
    prompt = models.ForeignKey(Prompt, on_delete=models.CASCADE, related_name="claims")
    pseud = models.ForeignKey(Pseud, on_delete=models.CASCADE, related_name="challenge_claims")
    work = models.ForeignKey(
        Work, null=True, blank=True, on_delete=models.SET_NULL, related_name="prompt_fills"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint("prompt", "pseud", name="claim_prompt_once")]

    def __str__(self) -> str:
        return f"{self.pseud} claimed {self.prompt}"

    @property
    def is_filled(self) -> bool:
        return self.work is not None and self.work.posted

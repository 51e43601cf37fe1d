"""An owned tag set, its owners and moderators, and the tags users nominate for it."""

from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from fanfold.accounts.models import Pseud
from fanfold.tags.models import MAX_TAG_NAME_LENGTH, Tag, TagType
from fanfold.works.visibility import Viewer

# Types users may nominate; ratings, warnings and categories are fixed sets.
NOMINATED_TYPES = (TagType.FANDOM, TagType.CHARACTER, TagType.RELATIONSHIP, TagType.FREEFORM)
# AO3 caps every per-type nomination limit at 20.
MAX_NOMINATION_LIMIT = 20


class OwnedTagSet(models.Model):
    title = models.CharField(max_length=255)
    description = models.TextField(blank=True)
    # Listed on /tag_sets for everyone; otherwise only its owners and moderators see it.
    visible = models.BooleanField(_("Listed publicly"), default=True)
    # Anyone may pick it for a challenge; otherwise only its owners and moderators.
    usable = models.BooleanField(_("Usable by anyone in their challenge"), default=True)
    nominated = models.BooleanField(_("Accepting nominations"), default=False)
    fandom_nomination_limit = models.PositiveSmallIntegerField(default=0)
    character_nomination_limit = models.PositiveSmallIntegerField(default=0)
    relationship_nomination_limit = models.PositiveSmallIntegerField(default=0)
    freeform_nomination_limit = models.PositiveSmallIntegerField(default=0)
    tags = models.ManyToManyField(Tag, blank=True, related_name="owned_tag_sets")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-id"]
        constraints = [models.UniqueConstraint(Lower("title"), name="tag_set_title_unique")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("tagsets:show", args=[self.pk])

    def nomination_limit(self, tag_type: str) -> int:
        return getattr(self, f"{tag_type.lower()}_nomination_limit", 0)

    def is_owner(self, user: Viewer) -> bool:
        return user.is_authenticated and self.roles.filter(pseud__user=user, owner=True).exists()

    def is_moderator(self, user: Viewer) -> bool:
        """Owners and moderators alike review nominations."""
        return user.is_authenticated and self.roles.filter(pseud__user=user).exists()

    def tags_of(self, tag_type: str) -> models.QuerySet[Tag]:
        return self.tags.filter(type=tag_type)


class TagSetRole(models.Model):
    """A pseud who owns the set (changes everything) or moderates it (reviews nominations)."""

    tag_set = models.ForeignKey(OwnedTagSet, on_delete=models.CASCADE, related_name="roles")
    pseud = models.ForeignKey(Pseud, on_delete=models.CASCADE, related_name="tag_set_roles")
    owner = models.BooleanField(default=False)

    class Meta:
        constraints = [models.UniqueConstraint("tag_set", "pseud", name="tag_set_role_once")]

    def __str__(self) -> str:
        return f"{self.pseud} {'owns' if self.owner else 'moderates'} {self.tag_set}"


class NominationStatus(models.TextChoices):
    UNREVIEWED = "unreviewed", _("Unreviewed")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class TagNomination(models.Model):
    tag_set = models.ForeignKey(OwnedTagSet, on_delete=models.CASCADE, related_name="nominations")
    pseud = models.ForeignKey(Pseud, on_delete=models.CASCADE, related_name="tag_nominations")
    tag_type = models.CharField(max_length=20, choices=TagType.choices)
    tagname = models.CharField(max_length=MAX_TAG_NAME_LENGTH)
    status = models.CharField(
        max_length=12, choices=NominationStatus.choices, default=NominationStatus.UNREVIEWED
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["tag_type", Lower("tagname"), "id"]
        constraints = [
            models.UniqueConstraint(
                "tag_set", "pseud", "tag_type", Lower("tagname"), name="nominate_tag_once"
            )
        ]
        indexes = [models.Index(fields=["tag_set", "status"], name="nomination_review_idx")]

    def __str__(self) -> str:
        return f"{self.tagname} ({self.get_tag_type_display()}) for {self.tag_set}"

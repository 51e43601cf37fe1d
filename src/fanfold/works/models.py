"""A work, its chapters, its creators and its tags."""

import datetime

from django.db import models
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from fanfold.accounts.models import Pseud
from fanfold.lib import languages
from fanfold.lib.sanitize import sanitize_fields
from fanfold.lib.wordcount import count_html
from fanfold.tags.models import ADULT_RATINGS, Tag, TagType
from fanfold.works.changes import announce


class CommentPermission(models.TextChoices):
    EVERYONE = "everyone", _("Registered users and guests can comment")
    USERS = "users", _("Only registered users can comment")
    NOBODY = "nobody", _("No one can comment")


class WorkQuerySet(models.QuerySet):
    """Works; `update()` announces the works it changed (the feedback counters move this way)."""

    def update(self, **kwargs) -> int:
        work_ids = list(self.values_list("pk", flat=True))
        updated = super().update(**kwargs)
        announce(work_ids)
        return updated


class Work(models.Model):
    title = models.CharField(max_length=255)
    summary = models.TextField(blank=True)
    notes = models.TextField(_("beginning notes"), blank=True)
    end_notes = models.TextField(blank=True)
    language = models.CharField(max_length=12, choices=languages.CHOICES, default="en")
    expected_chapters = models.PositiveIntegerField(
        null=True, blank=True, help_text=_("Leave empty when you do not know yet (shown as “?”).")
    )
    posted = models.BooleanField(default=False, help_text=_("False while the work is a draft."))
    restricted = models.BooleanField(
        _("Only show your work to registered users"),
        default=False,
    )
    anonymous = models.BooleanField(default=False)
    # Shown only as a title-less "Mystery Work" to everyone but its creators and admins.
    unrevealed = models.BooleanField(default=False)
    hidden_by_admin = models.BooleanField(default=False)
    comment_permission = models.CharField(
        max_length=10, choices=CommentPermission.choices, default=CommentPermission.USERS
    )
    moderated_comments = models.BooleanField(default=False)
    # Derived from the posted chapters by works.stats.refresh_work_stats on every save.
    published_on = models.DateField(null=True, blank=True)
    updated_on = models.DateField(null=True, blank=True)
    complete = models.BooleanField(default=False)
    # Any change to the work's content; updated_on only moves when a chapter is posted.
    revised_at = models.DateTimeField(null=True, blank=True)
    # Tagged with fandoms that share no meta tag (derived with the filter tags).
    crossover = models.BooleanField(default=False)
    # Imported works: where they came from and who wrote them, as the source said.
    source_url = models.URLField(_("original URL"), max_length=500, blank=True, db_index=True)
    imported_creators = models.CharField(max_length=255, blank=True)
    stated_word_count = models.PositiveIntegerField(null=True, blank=True)
    import_hash = models.CharField(max_length=64, blank=True, db_index=True)
    word_count = models.PositiveIntegerField(default=0)
    chapter_count = models.PositiveIntegerField(default=0)
    # Kept by the feedback features; shown on the stats line and used by sorts.
    kudos_count = models.PositiveIntegerField(default=0)
    hit_count = models.PositiveIntegerField(default=0)
    comment_count = models.PositiveIntegerField(default=0)
    bookmark_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    modified_at = models.DateTimeField(auto_now=True)
    tags = models.ManyToManyField(Tag, through="Tagging", related_name="works")
    creators = models.ManyToManyField(Pseud, through="Creatorship", related_name="works")

    objects = WorkQuerySet.as_manager()

    class Meta:
        indexes = [
            models.Index(fields=["posted", "-updated_on", "-id"], name="work_listing_idx"),
            models.Index(fields=["-revised_at", "-id"], name="work_revised_idx"),
            models.Index(fields=["-kudos_count", "-id"], name="work_kudos_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        sanitize_fields(self, "summary", "notes", "end_notes")
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("works:show", args=[self.pk])

    @property
    def completed_on(self) -> datetime.date | None:
        return self.updated_on if self.complete else None

    @property
    def chapters_label(self) -> str:
        """AO3's "posted/expected" chapter count: 2/5, 1/1, 3/?."""
        expected = self.expected_chapters if self.expected_chapters else "?"
        return f"{self.chapter_count}/{expected}"

    @property
    def is_multichapter(self) -> bool:
        return self.chapter_count > 1 or self.expected_chapters != 1

    @cached_property
    def _tags_by_type(self) -> dict[str, list[Tag]]:
        groups: dict[str, list[Tag]] = {}
        for tagging in self.taggings.all():  # prefetched by works.listing.with_details
            groups.setdefault(tagging.tag.type, []).append(tagging.tag)
        return groups

    def tags_of(self, tag_type: str) -> list[Tag]:
        """Tags of one type in the order the creator gave them."""
        return self._tags_by_type.get(tag_type, [])

    @property
    def warnings(self) -> list[Tag]:
        return self.tags_of(TagType.WARNING)

    @property
    def categories(self) -> list[Tag]:
        return self.tags_of(TagType.CATEGORY)

    @property
    def fandoms(self) -> list[Tag]:
        return self.tags_of(TagType.FANDOM)

    @property
    def relationships(self) -> list[Tag]:
        return self.tags_of(TagType.RELATIONSHIP)

    @property
    def characters(self) -> list[Tag]:
        return self.tags_of(TagType.CHARACTER)

    @property
    def freeforms(self) -> list[Tag]:
        return self.tags_of(TagType.FREEFORM)

    @property
    def language_info(self) -> languages.Language:
        return languages.language_for(self.language)

    @property
    def language_name(self) -> str:
        return self.language_info.name

    @property
    def ratings(self) -> list[Tag]:
        return self.tags_of(TagType.RATING)

    @property
    def rating(self) -> Tag | None:
        return self.ratings[0] if self.ratings else None

    @property
    def is_adult(self) -> bool:
        rating = self.rating
        return rating is None or rating.name in ADULT_RATINGS

    @property
    def creator_pseuds(self) -> list[Pseud]:
        return [creatorship.pseud for creatorship in self.creatorships.all()]


class Creatorship(models.Model):
    work = models.ForeignKey(Work, on_delete=models.CASCADE, related_name="creatorships")
    pseud = models.ForeignKey(Pseud, on_delete=models.CASCADE, related_name="creatorships")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint("work", "pseud", name="one_creatorship_per_pseud"),
        ]

    def __str__(self) -> str:
        return f"{self.pseud} on {self.work}"


class CreatorInvitation(models.Model):
    """A pending invitation for another user's pseud to become a work's co-creator."""

    work = models.ForeignKey(Work, on_delete=models.CASCADE, related_name="creator_invitations")
    pseud = models.ForeignKey(Pseud, on_delete=models.CASCADE, related_name="creator_invitations")
    invited_by = models.ForeignKey(Pseud, on_delete=models.CASCADE, related_name="+")
    # Set when the invitation is to co-create one chapter (accepting credits the work too).
    chapter = models.ForeignKey(
        "Chapter", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint("work", "pseud", name="invite_pseud_once")]

    def __str__(self) -> str:
        return f"{self.pseud} invited to {self.work}"


class Tagging(models.Model):
    work = models.ForeignKey(Work, on_delete=models.CASCADE, related_name="taggings")
    tag = models.ForeignKey(Tag, on_delete=models.PROTECT, related_name="taggings")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint("work", "tag", name="one_tagging_per_tag")]

    def __str__(self) -> str:
        return f"{self.tag} on {self.work}"


class Chapter(models.Model):
    work = models.ForeignKey(Work, on_delete=models.CASCADE, related_name="chapters")
    position = models.PositiveIntegerField(default=1)
    title = models.CharField(max_length=255, blank=True)
    summary = models.TextField(blank=True)
    notes = models.TextField(_("beginning notes"), blank=True)
    end_notes = models.TextField(blank=True)
    body = models.TextField(_("chapter text"))
    word_count = models.PositiveIntegerField(default=0)
    posted = models.BooleanField(default=False)
    published_on = models.DateField(null=True, blank=True)
    # Pseuds credited on this chapter beside the work's creators (they co-create the work too).
    co_creators = models.ManyToManyField(Pseud, blank=True, related_name="co_created_chapters")
    created_at = models.DateTimeField(auto_now_add=True)
    modified_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["position", "id"]
        indexes = [models.Index(fields=["work", "position"], name="chapter_order_idx")]

    def __str__(self) -> str:
        return self.heading

    def save(self, *args, **kwargs) -> None:
        sanitize_fields(self, "summary", "notes", "end_notes", "body")
        self.word_count = count_html(self.body)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("works:chapter", args=[self.work_id, self.pk])

    @property
    def heading(self) -> str:
        """ "Chapter 2: The Letter", or "Chapter 2" when untitled."""
        label = gettext("Chapter %(number)s") % {"number": self.position}
        return f"{label}: {self.title}" if self.title else label

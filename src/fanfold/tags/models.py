"""A tag: a name of one type; the fixed sets of ratings, warnings and categories."""

from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse

MAX_TAG_NAME_LENGTH = 150


class TagType(models.TextChoices):
    RATING = "Rating", "Rating"
    WARNING = "ArchiveWarning", "Archive Warning"
    CATEGORY = "Category", "Category"
    FANDOM = "Fandom", "Fandom"
    RELATIONSHIP = "Relationship", "Relationship"
    CHARACTER = "Character", "Character"
    FREEFORM = "Freeform", "Additional Tags"
    MEDIA = "Media", "Media"


# Types a creator types freely; ratings, warnings and categories are chosen from fixed sets.
USER_DEFINED_TYPES = (TagType.FANDOM, TagType.RELATIONSHIP, TagType.CHARACTER, TagType.FREEFORM)

RATINGS = (
    "General Audiences",
    "Teen And Up Audiences",
    "Mature",
    "Explicit",
    "Not Rated",
)
ADULT_RATINGS = {"Mature", "Explicit", "Not Rated"}
WARNINGS = (
    "Choose Not To Use Archive Warnings",
    "Graphic Depictions Of Violence",
    "Major Character Death",
    "No Archive Warnings Apply",
    "Rape/Non-Con",
    "Underage Sex",
)
CATEGORIES = ("F/F", "F/M", "Gen", "M/M", "Multi", "Other")
FIXED_TAGS = {TagType.RATING: RATINGS, TagType.WARNING: WARNINGS, TagType.CATEGORY: CATEGORIES}


class Tag(models.Model):
    name = models.CharField(max_length=MAX_TAG_NAME_LENGTH)
    type = models.CharField(max_length=20, choices=TagType.choices)
    canonical = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = [Lower("name")]
        constraints = [
            models.UniqueConstraint(Lower("name"), "type", name="tag_name_unique_per_type"),
        ]
        indexes = [models.Index("type", Lower("name"), name="tag_type_name_idx")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("tags:show", args=[self.name])

    @property
    def works_url(self) -> str:
        return reverse("tags:works", args=[self.name])

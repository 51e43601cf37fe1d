"""A tag: a name of one type; the fixed sets of ratings, warnings and categories."""

from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from fanfold.tags.changes import announce_rewrangled

MAX_TAG_NAME_LENGTH = 150


class TagType(models.TextChoices):
    RATING = "Rating", _("Rating")
    WARNING = "ArchiveWarning", _("Archive Warning")
    CATEGORY = "Category", _("Category")
    FANDOM = "Fandom", _("Fandom")
    RELATIONSHIP = "Relationship", _("Relationship")
    CHARACTER = "Character", _("Character")
    FREEFORM = "Freeform", _("Additional Tags")
    MEDIA = "Media", _("Media")


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


class TagQuerySet(models.QuerySet["Tag"]):
    """Tags; `update()` announces the tags it changed (wrangling moves synonyms this way)."""

    def update(self, **kwargs) -> int:
        tag_ids = list(self.values_list("pk", flat=True))
        updated = super().update(**kwargs)
        announce_rewrangled(tag_ids)
        return updated

    def oldest_named(self, name: str) -> "Tag | None":
        """The tag of this name in any case; names are unique per type only, and the oldest
        tag wins, like AO3."""
        if len(name) > MAX_TAG_NAME_LENGTH:
            # No tag has it, and SQLite answers a case-blind match (a LIKE) on over 50,000
            # bytes with an error rather than no rows. (A request holding NUL never gets here:
            # archive.middleware.refuse_nul answers it.)
            return None
        return self.filter(name__iexact=name).order_by("id").first()


class Tag(models.Model):
    name = models.CharField(max_length=MAX_TAG_NAME_LENGTH)
    type = models.CharField(max_length=20, choices=TagType.choices)
    canonical = models.BooleanField(default=False)
    # A synonym points at the canonical tag of the same type it filters as.
    merger = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="synonyms"
    )
    parents = models.ManyToManyField(
        "self", through="TagParent", symmetrical=False, related_name="children"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TagQuerySet.as_manager()

    class Meta:
        ordering = [Lower("name")]
        constraints = [
            models.UniqueConstraint(Lower("name"), "type", name="tag_name_unique_per_type"),
        ]
        indexes = [models.Index("type", Lower("name"), name="tag_type_name_idx")]
        permissions = [("wrangle_tag", "Can wrangle tags")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("tags:show", args=[self.name])

    @property
    def works_url(self) -> str:
        return reverse("tags:works", args=[self.name])

    @property
    def filter_tag(self) -> "Tag":
        """The tag this one filters as: its canonical tag when it is a synonym."""
        return self.merger or self

    @property
    def is_wrangled(self) -> bool:
        return self.canonical or self.merger_id is not None


class TagParent(models.Model):
    """A canonical tag's parent of another type: character -> fandom, fandom -> media."""

    child = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="parent_links")
    parent = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="child_links")

    class Meta:
        constraints = [models.UniqueConstraint("child", "parent", name="tag_parent_once")]

    def __str__(self) -> str:
        return f"{self.child} in {self.parent}"


class MetaTagging(models.Model):
    """Within one type: filtering on `meta` also finds works tagged with `sub`."""

    meta = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="sub_links")
    sub = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="meta_links")

    class Meta:
        constraints = [models.UniqueConstraint("meta", "sub", name="meta_tagging_once")]

    def __str__(self) -> str:
        return f"{self.sub} under {self.meta}"

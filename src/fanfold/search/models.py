"""What the filter index is derived from, besides the works themselves."""

from django.conf import settings
from django.db import models

from fanfold.tags.models import Tag
from fanfold.works.models import Work


class FilterTagging(models.Model):
    """A tag a work is found under: canonical forms of its tags and all their meta tags."""

    work = models.ForeignKey(Work, on_delete=models.CASCADE, related_name="filter_taggings")
    tag = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="filter_taggings")

    class Meta:
        constraints = [models.UniqueConstraint("work", "tag", name="filter_tagging_once")]
        indexes = [models.Index(fields=["tag", "work"], name="filter_tagging_tag_idx")]

    def __str__(self) -> str:
        return f"{self.work_id} under {self.tag_id}"


class IndexChange(models.Model):
    """A row per changed work: every process's filter index polls these to stay current."""

    work_id = models.BigIntegerField()
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self) -> str:
        return f"work {self.work_id} changed at {self.created_at}"


class SavedFilter(models.Model):
    """A reader's named works filter: the query string of a filter URL."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_filters"
    )
    name = models.CharField(max_length=100)
    path = models.CharField(max_length=200, default="/works")
    query = models.TextField()
    # Applied whenever the reader opens a works listing without a filter of their own.
    is_default = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                "user", condition=models.Q(is_default=True), name="one_default_filter_per_user"
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def url(self) -> str:
        return f"{self.path}?{self.query}"

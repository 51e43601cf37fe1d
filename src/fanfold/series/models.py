"""A series and the places of works in it."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from fanfold.accounts.models import Pseud
from fanfold.lib.sanitize import sanitize_fields
from fanfold.works.models import Work


class Series(models.Model):
    title = models.CharField(max_length=255)
    summary = models.TextField(blank=True)
    notes = models.TextField(blank=True)
    complete = models.BooleanField(_("This series is complete"), default=False)
    creators = models.ManyToManyField(Pseud, related_name="series")
    created_at = models.DateTimeField(auto_now_add=True)
    modified_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "series"

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        sanitize_fields(self, "summary", "notes")
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("series:show", args=[self.pk])


class SeriesWork(models.Model):
    series = models.ForeignKey(Series, on_delete=models.CASCADE, related_name="memberships")
    work = models.ForeignKey(Work, on_delete=models.CASCADE, related_name="series_memberships")
    position = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint("series", "work", name="work_once_per_series")]

    def __str__(self) -> str:
        return f"Part {self.position} of {self.series}"
